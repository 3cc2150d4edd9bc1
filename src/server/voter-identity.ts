import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Voters have no accounts. A device is known by a random id in a signed cookie that also
 * carries when it was first issued (a ballot from a minutes-old device is a signal of vote
 * stuffing); an address and its network are known only by keyed hashes under a random key of
 * the day, destroyed two days later, so stored hashes cannot be joined across days, and once
 * the key is gone nobody can reverse them.
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

/**
 * Keyed hash of an address under the random key of one local day (address-keys.ts). It keys
 * the per-address limits, so it hashes what a limit should count: an IPv4 address, or the /64
 * of an IPv6 one, since a subscriber gets a whole /64 and its hosts take any address in it.
 */
export function addressHash(dayKey: string, address: string): string {
  return mac(dayKey, 'address', addressLimitKeyOf(address));
}

/** Keyed hash of the full address: evidence beside addressHash, never a limit's key. */
export function hostHash(dayKey: string, address: string): string {
  return mac(dayKey, 'host', address);
}

/** The 8 groups of an IPv6 address (an embedded IPv4 tail counts as two), or null. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return groups.map((g) => Number.parseInt(g, 16));
}

function ipv6Prefix(groups: number[], bits: 48 | 64): string {
  return `${groups
    .slice(0, bits / 16)
    .map((g) => g.toString(16))
    .join(':')}::/${bits}`;
}

/**
 * What a per-address limit or throttle counts for an address: an IPv4 address itself, the /64
 * of an IPv6 address (70 addresses of one /64 are one subscriber, not 70 voters).
 */
export function addressLimitKeyOf(address: string): string {
  const groups = ipv6Groups(address);
  return groups === null ? address : ipv6Prefix(groups, 64);
}

/**
 * The network an address belongs to: its IPv4 /24 or IPv6 /48, the blocks a carrier or a
 * hosting provider hands out together. Anything else is its own network.
 */
export function networkOf(address: string): string {
  if (isIP(address) === 4) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = ipv6Groups(address);
  return groups === null ? address : ipv6Prefix(groups, 48);
}

/** Keyed hash of an address's network under the key of one local day. */
export function networkHash(dayKey: string, address: string): string {
  return mac(dayKey, 'network', networkOf(address));
}
