import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Voters have no accounts. A device is known by a random id in a signed cookie; an address is
 * known only by a keyed hash whose key changes every day, so stored hashes cannot be joined
 * across days or reversed into addresses by anyone without the secret.
 */
export const deviceCookieName = 'voter';
export const deviceCookieMaxAgeSeconds = 400 * 24 * 3600;

function mac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url');
}

/** A new device id and the cookie value that carries it. */
export function newDeviceCookie(secret: string): { deviceId: string; value: string } {
  const deviceId = randomBytes(16).toString('base64url');
  return { deviceId, value: `${deviceId}.${mac(secret, 'device-cookie', deviceId).slice(0, 22)}` };
}

/** The device id of a cookie value, or null when the value was not signed by us. */
export function readDeviceCookie(secret: string, value: string | undefined): string | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 2) return null;
  const [deviceId, signature] = parts;
  if (!deviceId || !signature || !/^[\w-]{22}$/.test(deviceId)) return null;
  const expected = Buffer.from(mac(secret, 'device-cookie', deviceId).slice(0, 22));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

export function deviceHash(secret: string, deviceId: string): string {
  return mac(secret, 'device', deviceId);
}

/** Keyed hash of an address under the key of one local day. */
export function addressHash(secret: string, address: string, day: string): string {
  const dayKey = mac(secret, 'address-key', day);
  return mac(dayKey, 'address', address);
}
