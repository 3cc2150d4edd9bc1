import { describe, expect, it } from 'vitest';
import {
  addressHash,
  addressLimitKeyOf,
  deviceHash,
  hostHash,
  networkHash,
  networkOf,
  newDeviceCookie,
  readDeviceCookie,
} from '#src/server/voter-identity.ts';

const secret = 'a'.repeat(32);
const otherSecret = 'b'.repeat(32);

/** `text` with the character at `index` swapped for another base64url character. */
function flip(text: string, index: number): string {
  const c = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + c + text.slice(index + 1);
}

const issuedAt = new Date('2026-11-20T04:00:00Z');

/** The parts of a cookie value: device id, issue time (base 36 seconds), signature. */
function parts(value: string): [string, string, string] {
  return value.split('.') as [string, string, string];
}

describe('device cookie', () => {
  it('reads back the device id and issue time it was made with', () => {
    const { deviceId, value } = newDeviceCookie(secret, issuedAt);
    expect(deviceId).toMatch(/^[\w-]{22}$/);
    expect(value.startsWith(`${deviceId}.`)).toBe(true);
    expect(readDeviceCookie(secret, value)).toEqual({ deviceId, issuedAt });
  });

  it('gives each new cookie its own id', () => {
    expect(newDeviceCookie(secret, issuedAt).deviceId).not.toBe(
      newDeviceCookie(secret, issuedAt).deviceId,
    );
  });

  it('refuses a changed device id or issue time with the old signature', () => {
    const [id, issued, sig] = parts(newDeviceCookie(secret, issuedAt).value);
    expect(readDeviceCookie(secret, `${flip(id, 5)}.${issued}.${sig}`)).toBeNull();
    // Claiming an older device to look less suspicious breaks the signature.
    const older = Math.floor(issuedAt.getTime() / 1000 - 86_400 * 30).toString(36);
    expect(readDeviceCookie(secret, `${id}.${older}.${sig}`)).toBeNull();
  });

  it('refuses a changed signature', () => {
    const [id, issued, sig] = parts(newDeviceCookie(secret, issuedAt).value);
    expect(readDeviceCookie(secret, `${id}.${issued}.${flip(sig, 0)}`)).toBeNull();
    expect(readDeviceCookie(secret, `${id}.${issued}.${sig.slice(0, -1)}`)).toBeNull();
    expect(readDeviceCookie(secret, `${id}.${issued}.${sig}A`)).toBeNull();
  });

  it('refuses a cookie signed with another secret', () => {
    const { value } = newDeviceCookie(otherSecret, issuedAt);
    expect(readDeviceCookie(otherSecret, value)).not.toBeNull();
    expect(readDeviceCookie(secret, value)).toBeNull();
  });

  it.each([
    undefined,
    '',
    'a',
    'a.b',
    'a.b.c',
    '.',
    '..',
    `${'x'.repeat(22)}..`,
    `${'x'.repeat(22)}.ZZ.x`,
  ])('refuses the malformed value %j', (value) => {
    expect(readDeviceCookie(secret, value)).toBeNull();
  });
});

describe('deviceHash', () => {
  it('is stable for one secret and id', () => {
    expect(deviceHash(secret, 'device-1')).toBe(deviceHash(secret, 'device-1'));
  });

  it('differs between ids and between secrets', () => {
    expect(deviceHash(secret, 'device-1')).not.toBe(deviceHash(secret, 'device-2'));
    expect(deviceHash(secret, 'device-1')).not.toBe(deviceHash(otherSecret, 'device-1'));
  });

  it('is not the cookie signature for the same id', () => {
    const { deviceId, value } = newDeviceCookie(secret, issuedAt);
    expect(deviceHash(secret, deviceId).startsWith(parts(value)[2])).toBe(false);
  });
});

describe('addressHash and hostHash', () => {
  const address = '203.0.113.7';
  const key = 'a-random-day-key-from-address_key';
  const nextKey = 'the-random-key-of-the-next-day';

  it('is stable for one day key and address', () => {
    expect(addressHash(key, address)).toBe(addressHash(key, address));
  });

  it('differs between day keys, so hashes cannot be joined across days', () => {
    expect(addressHash(key, address)).not.toBe(addressHash(nextKey, address));
  });

  it('differs between addresses', () => {
    expect(addressHash(key, address)).not.toBe(addressHash(key, '203.0.113.8'));
  });

  it('counts an IPv6 /64 as one address; the host hash still tells its hosts apart', () => {
    const hosts = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:aaaa:bbbb:cccc:dddd',
      '2001:0db8:0001:0002::ff',
    ];
    for (const host of hosts) {
      expect(addressHash(key, host)).toBe(addressHash(key, hosts[0]!));
    }
    expect(new Set(hosts.map((h) => hostHash(key, h))).size).toBe(3);
    expect(addressHash(key, '2001:db8:1:3::1')).not.toBe(addressHash(key, hosts[0]!));
    expect(hostHash(key, address)).not.toBe(addressHash(key, address));
  });

  it('is a bare SHA-256 digest that does not contain the address', () => {
    for (const a of [address, '2001:db8::42', '::1']) {
      const hash = addressHash(key, a);
      expect(hash).toMatch(/^[\w-]{43}$/);
      expect(hash).not.toContain(a);
    }
  });
});

describe('addressLimitKeyOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::ffff:0:203.0.113.7', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(addressLimitKeyOf(address)).toBe(key);
  });
});

describe('readDeviceCookie with trailing parts', () => {
  it('refuses a signed value with anything appended', () => {
    const { value } = newDeviceCookie(secret, issuedAt);
    expect(readDeviceCookie(secret, `${value}.extra`)).toBeNull();
  });
});

describe('networkOf and networkHash', () => {
  it.each([
    ['203.0.113.7', '203.0.113.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['2001:db8::1', '2001:db8:0::/48'],
    ['::1', '0:0:0::/48'],
    ['unknown', 'unknown'],
  ])('puts %s in %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });

  it('groups addresses of one network and separates others, under a daily key', () => {
    const key = 'a-random-day-key-from-address_key';
    expect(networkHash(key, '203.0.113.7')).toBe(networkHash(key, '203.0.113.200'));
    expect(networkHash(key, '203.0.113.7')).not.toBe(networkHash(key, '203.0.114.7'));
    expect(networkHash(key, '203.0.113.7')).not.toBe(networkHash('the-next-day', '203.0.113.7'));
    expect(networkHash(key, '203.0.113.7')).not.toBe(addressHash(key, '203.0.113.7'));
  });
});
