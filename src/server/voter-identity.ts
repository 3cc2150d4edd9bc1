import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Voters have no accounts. A device is known by a random id in a signed cookie that also
 * carries when it was first issued (a ballot from a minutes-old device is a signal of vote
 * stuffing); an address and its network are known only by keyed hashes whose key changes every
 * day, so stored hashes cannot be joined across days or reversed by anyone without the secret.
 */
export const deviceCookieName = 'voter';
export const deviceCookieMaxAgeSeconds = 400 * 24 * 3600;

export interface DeviceIdentity {
  deviceId: string;
  issuedAt: Date;
}

function mac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url');
}

function signature(secret: string, deviceId: string, issued: string): string {
  return mac(secret, 'device-cookie', `${deviceId}.${issued}`).slice(0, 22);
}

/** A new device id issued at `issuedAt`, and the cookie value that carries both. */
export function newDeviceCookie(
  secret: string,
  issuedAt: Date,
): DeviceIdentity & { value: string } {
  const deviceId = randomBytes(16).toString('base64url');
  const issued = Math.floor(issuedAt.getTime() / 1000).toString(36);
  return {
    deviceId,
    issuedAt: new Date(Number.parseInt(issued, 36) * 1000),
    value: `${deviceId}.${issued}.${signature(secret, deviceId, issued)}`,
  };
}

/** The device of a cookie value, or null when the value was not signed by us. */
export function readDeviceCookie(secret: string, value: string | undefined): DeviceIdentity | null {
  if (!value) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [deviceId = '', issued = '', given = ''] = parts;
  if (!/^[\w-]{22}$/.test(deviceId) || !/^[0-9a-z]{1,10}$/.test(issued)) return null;
  const expected = Buffer.from(signature(secret, deviceId, issued));
  const received = Buffer.from(given);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return null;
  return { deviceId, issuedAt: new Date(Number.parseInt(issued, 36) * 1000) };
}

export function deviceHash(secret: string, deviceId: string): string {
  return mac(secret, 'device', deviceId);
}

/** The day keys in use (today's, yesterday's around midnight), by secret and day. */
const dayKeys = new Map<string, string>();

function dayKey(secret: string, day: string): string {
  const id = `${day}\0${secret}`;
  let key = dayKeys.get(id);
  if (key === undefined) {
    key = mac(secret, 'address-key', day);
    if (dayKeys.size >= 8) dayKeys.clear();
    dayKeys.set(id, key);
  }
  return key;
}

/** Keyed hash of an address under the key of one local day. */
export function addressHash(secret: string, address: string, day: string): string {
  return mac(dayKey(secret, day), 'address', address);
}

/**
 * The network an address belongs to: its IPv4 /24 or IPv6 /48, the blocks a carrier or a
 * hosting provider hands out together. Anything else is its own network.
 */
export function networkOf(address: string): string {
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(address) === 6) {
    const [head = '', tail] = address.split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === undefined || tail === '' ? [] : tail.split(':');
    const groups = [
      ...left,
      ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
      ...right,
    ];
    return `${groups
      .slice(0, 3)
      .map((g) => Number.parseInt(g, 16).toString(16))
      .join(':')}::/48`;
  }
  return address;
}

/** Keyed hash of an address's network under the key of one local day. */
export function networkHash(secret: string, address: string, day: string): string {
  return mac(dayKey(secret, day), 'network', networkOf(address));
}
