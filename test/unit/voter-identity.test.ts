import { describe, expect, it } from 'vitest';
import {
  addressHash,
  deviceHash,
  newDeviceCookie,
  readDeviceCookie,
} from '../../src/server/voter-identity.ts';

const secret = 'a'.repeat(32);
const otherSecret = 'b'.repeat(32);

/** `text` with the character at `index` swapped for another base64url character. */
function flip(text: string, index: number): string {
  const c = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + c + text.slice(index + 1);
}

describe('device cookie', () => {
  it('reads back the device id it was made with', () => {
    const { deviceId, value } = newDeviceCookie(secret);
    expect(deviceId).toMatch(/^[\w-]{22}$/);
    expect(value.startsWith(`${deviceId}.`)).toBe(true);
    expect(readDeviceCookie(secret, value)).toBe(deviceId);
  });

  it('gives each new cookie its own id', () => {
    expect(newDeviceCookie(secret).deviceId).not.toBe(newDeviceCookie(secret).deviceId);
  });

  it('refuses a changed device id with the old signature', () => {
    const { deviceId, value } = newDeviceCookie(secret);
    const signature = value.slice(deviceId.length + 1);
    expect(readDeviceCookie(secret, `${flip(deviceId, 5)}.${signature}`)).toBeNull();
  });

  it('refuses a changed signature', () => {
    const { deviceId, value } = newDeviceCookie(secret);
    const signature = value.slice(deviceId.length + 1);
    expect(readDeviceCookie(secret, `${deviceId}.${flip(signature, 0)}`)).toBeNull();
    expect(readDeviceCookie(secret, `${deviceId}.${signature.slice(0, -1)}`)).toBeNull();
    expect(readDeviceCookie(secret, `${deviceId}.${signature}A`)).toBeNull();
  });

  it('refuses a cookie signed with another secret', () => {
    const { value } = newDeviceCookie(otherSecret);
    expect(readDeviceCookie(otherSecret, value)).not.toBeNull();
    expect(readDeviceCookie(secret, value)).toBeNull();
  });

  it.each([undefined, '', 'a', 'a.b', 'a.b.c', '.', `${'x'.repeat(22)}.`])(
    'refuses the malformed value %j',
    (value) => {
      expect(readDeviceCookie(secret, value)).toBeNull();
    },
  );
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
    const { deviceId, value } = newDeviceCookie(secret);
    const signature = value.slice(deviceId.length + 1);
    expect(deviceHash(secret, deviceId).startsWith(signature)).toBe(false);
  });
});

describe('addressHash', () => {
  const address = '203.0.113.7';

  it('is stable for one secret, address and day', () => {
    expect(addressHash(secret, address, '2026-11-22')).toBe(
      addressHash(secret, address, '2026-11-22'),
    );
  });

  it('differs between days, so hashes cannot be joined across days', () => {
    expect(addressHash(secret, address, '2026-11-22')).not.toBe(
      addressHash(secret, address, '2026-11-23'),
    );
  });

  it('differs between secrets and between addresses', () => {
    expect(addressHash(secret, address, '2026-11-22')).not.toBe(
      addressHash(otherSecret, address, '2026-11-22'),
    );
    expect(addressHash(secret, address, '2026-11-22')).not.toBe(
      addressHash(secret, '203.0.113.8', '2026-11-22'),
    );
  });

  it('is a bare SHA-256 digest that does not contain the address', () => {
    for (const a of [address, '2001:db8::42', '::1']) {
      const hash = addressHash(secret, a, '2026-11-22');
      expect(hash).toMatch(/^[\w-]{43}$/);
      expect(hash).not.toContain(a);
    }
  });
});

describe('readDeviceCookie with trailing parts', () => {
  it('refuses a signed value with anything appended', () => {
    const secret = 'x'.repeat(32);
    const { value } = newDeviceCookie(secret);
    expect(readDeviceCookie(secret, `${value}.extra`)).toBeNull();
  });
});
