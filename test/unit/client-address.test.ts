import { describe, expect, it } from 'vitest';
import { resolveClientAddress, trustedProxies } from '#src/server/client-address.ts';

const client = '198.51.100.9';
const spoofed = '6.6.6.6';

describe('resolveClientAddress behind no trusted proxy', () => {
  const none = trustedProxies([]);

  it('takes the socket peer and ignores X-Forwarded-For', () => {
    expect(resolveClientAddress('203.0.113.7', spoofed, none)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For even from a loopback peer when loopback is not trusted', () => {
    expect(resolveClientAddress('127.0.0.1', client, none)).toBe('127.0.0.1');
  });
});

describe('resolveClientAddress with TRUST_PROXY=loopback', () => {
  const loopback = trustedProxies(['loopback']);

  it('ignores X-Forwarded-For from an untrusted peer (spoofing)', () => {
    expect(resolveClientAddress('203.0.113.7', spoofed, loopback)).toBe('203.0.113.7');
  });

  it('believes the hop a trusted peer appended', () => {
    expect(resolveClientAddress('127.0.0.1', client, loopback)).toBe(client);
  });

  it('takes the right-most hop, not a left-most one the client wrote itself', () => {
    expect(resolveClientAddress('127.0.0.1', `${spoofed}, ${client}`, loopback)).toBe(client);
  });

  it('trusts all of 127.0.0.0/8 and ::1', () => {
    expect(resolveClientAddress('127.8.9.10', client, loopback)).toBe(client);
    expect(resolveClientAddress('::1', client, loopback)).toBe(client);
    expect(resolveClientAddress('128.0.0.1', client, loopback)).toBe('128.0.0.1');
  });

  it('takes the peer when a trusted peer sends no X-Forwarded-For', () => {
    expect(resolveClientAddress('127.0.0.1', undefined, loopback)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', '', loopback)).toBe('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', ' , ', loopback)).toBe('127.0.0.1');
  });
});

describe('resolveClientAddress behind a chain of trusted proxies', () => {
  const chain = trustedProxies(['loopback', '10.0.0.0/8']);

  it('skips every trusted hop from the right', () => {
    const header = `${spoofed}, ${client}, 10.1.2.3`;
    expect(resolveClientAddress('127.0.0.1', header, chain)).toBe(client);
  });

  it('stops at the first untrusted hop, so a forged hop further left is never reached', () => {
    const header = `10.9.9.9, ${client}, 10.1.2.3`;
    expect(resolveClientAddress('127.0.0.1', header, chain)).toBe(client);
  });

  it('takes the left-most hop when every hop is a trusted proxy', () => {
    expect(resolveClientAddress('127.0.0.1', '10.0.0.5, 10.0.0.6', chain)).toBe('10.0.0.5');
  });

  it('treats a CIDR range as a range, not as one address', () => {
    expect(resolveClientAddress('10.255.255.254', client, chain)).toBe(client);
    expect(resolveClientAddress('11.0.0.1', client, chain)).toBe('11.0.0.1');
  });

  it('handles IPv6 ranges', () => {
    const v6 = trustedProxies(['fd00::/8']);
    expect(resolveClientAddress('fd12:3456::1', '2001:db8::42', v6)).toBe('2001:db8::42');
    expect(resolveClientAddress('fe80::1', '2001:db8::42', v6)).toBe('fe80::1');
  });
});

describe('resolveClientAddress with IPv4-mapped IPv6 addresses', () => {
  const chain = trustedProxies(['loopback', '10.0.0.0/8']);

  it('recognises a mapped trusted peer', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', client, chain)).toBe(client);
  });

  it('reports a mapped untrusted peer in plain IPv4 form', () => {
    expect(resolveClientAddress('::ffff:203.0.113.7', spoofed, chain)).toBe('203.0.113.7');
  });

  it('unmaps hops in the header and recognises mapped trusted hops', () => {
    const header = `::ffff:${client}, ::ffff:10.1.2.3`;
    expect(resolveClientAddress('::ffff:127.0.0.1', header, chain)).toBe(client);
  });
});

describe('resolveClientAddress with a bad header or no peer', () => {
  const loopback = trustedProxies(['loopback']);

  it.each(['not-an-ip', `${client}, garbage`, `${client}:443`, 'unknown', '999.1.1.1'])(
    'falls back to the peer when the right-most hop is %j',
    (header) => {
      expect(resolveClientAddress('127.0.0.1', header, loopback)).toBe('127.0.0.1');
    },
  );

  it('does not reach past an untrusted hop to garbage on its left', () => {
    expect(resolveClientAddress('127.0.0.1', `garbage, ${client}`, loopback)).toBe(client);
  });

  it('answers "unknown" without a socket address', () => {
    expect(resolveClientAddress(undefined, client, loopback)).toBe('unknown');
    expect(resolveClientAddress('', client, loopback)).toBe('unknown');
  });
});
