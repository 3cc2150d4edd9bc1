import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cloudflareSiteverifyUrl,
  ConfigError,
  defaultAltchaMemoryKib,
  defaultAltchaSteps,
  parseConfig,
} from '#src/server/config.ts';

// A fixed secret keeps parseConfig from writing data/session-secret in the project directory.
const secret = 's'.repeat(32);

/** The ConfigError a bad environment produces; fails the test when parsing succeeds. */
function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig({ SESSION_SECRET: secret, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

/** Matches a line of the error that blames `variable`, e.g. "  PORT: Too big…". */
function blames(variable: string): RegExp {
  return new RegExp(`^\\s*${variable}: `, 'm');
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('parseConfig defaults', () => {
  it('listens on 127.0.0.1:4321 and derives the public base URL from them', () => {
    const config = parseConfig({ SESSION_SECRET: secret });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4321);
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:4321');
  });

  it('brackets an IPv6 host in the default public base URL', () => {
    expect(parseConfig({ SESSION_SECRET: secret, HOST: '::1', PORT: '8080' }).publicBaseUrl).toBe(
      'http://[::1]:8080',
    );
  });

  it('opens data/site.db as an absolute file: URL', () => {
    const { databaseUrl } = parseConfig({ SESSION_SECRET: secret });
    expect(databaseUrl).toBe(`file:${resolve('data/site.db')}`);
    expect(isAbsolute(databaseUrl.slice('file:'.length))).toBe(true);
  });

  it('keeps the embedded database in DATA_DIR, and says whether DATABASE_URL chose another', () => {
    const embedded = parseConfig({ SESSION_SECRET: secret, DATA_DIR: '/srv/site-data' });
    expect(embedded.databaseUrl).toBe('file:/srv/site-data/site.db');
    expect(embedded.embeddedDatabase).toBe(true);
    const chosen = parseConfig({
      SESSION_SECRET: secret,
      DATABASE_URL: 'file:/srv/site-data/site.db',
    });
    expect(chosen.embeddedDatabase).toBe(false);
    expect(parseConfig({ SESSION_SECRET: secret, DATABASE_URL: ' ' }).embeddedDatabase).toBe(true);
  });

  it('resolves a relative DATA_DIR to an absolute path', () => {
    expect(parseConfig({ SESSION_SECRET: secret }).dataDir).toBe(resolve('data'));
  });

  it('protects with the self-hosted ALTCHA check and trusts no proxy when nothing is set', () => {
    const config = parseConfig({ SESSION_SECRET: secret });
    expect(config.botCheck).toEqual({
      provider: 'altcha',
      steps: defaultAltchaSteps,
      memoryKib: defaultAltchaMemoryKib,
    });
    expect(config.trustProxy).toEqual([]);
    expect(config.databaseAuthToken).toBeUndefined();
  });
});

describe('PORT', () => {
  it('accepts the edges 0 and 65535', () => {
    expect(parseConfig({ SESSION_SECRET: secret, PORT: '0' }).port).toBe(0);
    expect(parseConfig({ SESSION_SECRET: secret, PORT: '65535' }).port).toBe(65535);
  });

  it.each(['abc', '70000', '65536', '-1', '80.5', '0x10', '1e3'])(
    'refuses %j and names PORT',
    (port) => {
      expect(configErrorOf({ PORT: port }).message).toMatch(blames('PORT'));
    },
  );

  it('treats an empty or blank value as not set, like every other variable', () => {
    expect(parseConfig({ SESSION_SECRET: secret, PORT: '' }).port).toBe(4321);
    expect(parseConfig({ SESSION_SECRET: secret, PORT: '  ' }).port).toBe(4321);
    expect(parseConfig({ SESSION_SECRET: secret, PUBLIC_BASE_URL: '' }).publicBaseUrl).toBe(
      'http://127.0.0.1:4321',
    );
  });
});

describe('relative file URLs', () => {
  it('keep their query string when made absolute', () => {
    const url = parseConfig({
      SESSION_SECRET: secret,
      DATABASE_URL: 'file:./x.db?mode=rwc',
    }).databaseUrl;
    expect(url).toBe(`file:${resolve('x.db')}?mode=rwc`);
  });
});

describe('Turnstile keys', () => {
  it('refuses a site key without a secret key, naming TURNSTILE_SECRET_KEY', () => {
    const { message } = configErrorOf({ TURNSTILE_SITE_KEY: 'site' });
    expect(message).toMatch(blames('TURNSTILE_SECRET_KEY'));
    expect(message).not.toMatch(blames('TURNSTILE_SITE_KEY'));
  });

  it('refuses a secret key without a site key, naming TURNSTILE_SITE_KEY', () => {
    const { message } = configErrorOf({ TURNSTILE_SECRET_KEY: 'secret' });
    expect(message).toMatch(blames('TURNSTILE_SITE_KEY'));
    expect(message).not.toMatch(blames('TURNSTILE_SECRET_KEY'));
  });

  it('treats a blank key as unset', () => {
    const { message } = configErrorOf({ TURNSTILE_SITE_KEY: 'site', TURNSTILE_SECRET_KEY: '   ' });
    expect(message).toMatch(blames('TURNSTILE_SECRET_KEY'));
  });

  it('uses Turnstile with both keys and Cloudflare’s siteverify URL by default', () => {
    const config = parseConfig({
      SESSION_SECRET: secret,
      TURNSTILE_SITE_KEY: 'site',
      TURNSTILE_SECRET_KEY: 'secret',
    });
    expect(config.botCheck).toEqual({
      provider: 'turnstile',
      siteKey: 'site',
      secretKey: 'secret',
      verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    });
    expect(cloudflareSiteverifyUrl).toBe(
      'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    );
  });

  it('uses TURNSTILE_VERIFY_URL when given', () => {
    const config = parseConfig({
      SESSION_SECRET: secret,
      TURNSTILE_SITE_KEY: 'site',
      TURNSTILE_SECRET_KEY: 'secret',
      TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9999/verify',
    });
    expect(config.botCheck).toMatchObject({ verifyUrl: 'http://127.0.0.1:9999/verify' });
  });
});

describe('BOT_CHECK', () => {
  const keys = { TURNSTILE_SITE_KEY: 'site', TURNSTILE_SECRET_KEY: 'secret' };

  it('keeps ALTCHA where asked even when Turnstile keys are set', () => {
    const config = parseConfig({ SESSION_SECRET: secret, ...keys, BOT_CHECK: 'altcha' });
    expect(config.botCheck.provider).toBe('altcha');
  });

  it('refuses turnstile without both keys, naming BOT_CHECK', () => {
    expect(configErrorOf({ BOT_CHECK: 'turnstile' }).message).toMatch(blames('BOT_CHECK'));
  });

  it.each(['none', 'test', 'ALTCHA', 'recaptcha'])('refuses %j, naming BOT_CHECK', (value) => {
    expect(configErrorOf({ BOT_CHECK: value }).message).toMatch(blames('BOT_CHECK'));
  });

  it('takes ALTCHA_STEPS from 1 to 100,000 and ALTCHA_MEMORY_KIB from 64 to 65,536', () => {
    const edges = parseConfig({
      SESSION_SECRET: secret,
      ALTCHA_STEPS: '1',
      ALTCHA_MEMORY_KIB: '65536',
    });
    expect(edges.botCheck).toEqual({ provider: 'altcha', steps: 1, memoryKib: 65_536 });
    for (const [name, value] of [
      ['ALTCHA_STEPS', '0'],
      ['ALTCHA_STEPS', '100001'],
      ['ALTCHA_STEPS', '8.5'],
      ['ALTCHA_MEMORY_KIB', '63'],
      ['ALTCHA_MEMORY_KIB', '65537'],
      ['ALTCHA_MEMORY_KIB', 'lots'],
    ] as const) {
      expect(configErrorOf({ [name]: value }).message, `${name}=${value}`).toMatch(blames(name));
    }
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['::1', ['::1']],
    ['fd00::/8', ['fd00::/8']],
    ['false', []],
    ['', []],
  ])('accepts %j', (value, expected) => {
    expect(parseConfig({ SESSION_SECRET: secret, TRUST_PROXY: value }).trustProxy).toEqual(
      expected,
    );
  });

  it.each(['nonsense', '10.0.0.0/99', '10.0.0.0/', '::1/129', 'loopback/8', '10.0.0.1,'])(
    'refuses %j and names TRUST_PROXY',
    (value) => {
      expect(configErrorOf({ TRUST_PROXY: value }).message).toMatch(blames('TRUST_PROXY'));
    },
  );
});

describe('DATABASE_URL', () => {
  it('refuses a Postgres URL, naming DATABASE_URL', () => {
    expect(configErrorOf({ DATABASE_URL: 'postgres://x' }).message).toMatch(blames('DATABASE_URL'));
  });

  it('keeps remote libSQL URLs and file:// URLs as given', () => {
    const remote = 'libsql://db.example.org';
    expect(parseConfig({ SESSION_SECRET: secret, DATABASE_URL: remote }).databaseUrl).toBe(remote);
    const fileUrl = 'file:///var/lib/site/site.db';
    expect(parseConfig({ SESSION_SECRET: secret, DATABASE_URL: fileUrl }).databaseUrl).toBe(
      fileUrl,
    );
  });

  it('keeps file::memory: as an in-memory database', () => {
    expect(parseConfig({ SESSION_SECRET: secret, DATABASE_URL: 'file::memory:' }).databaseUrl).toBe(
      'file::memory:',
    );
  });

  it('resolves a relative file: path against the working directory', () => {
    expect(
      parseConfig({ SESSION_SECRET: secret, DATABASE_URL: 'file:elsewhere/x.db' }).databaseUrl,
    ).toBe(`file:${resolve('elsewhere/x.db')}`);
  });
});

describe('SESSION_SECRET', () => {
  it('refuses 31 characters and accepts 32', () => {
    expect(configErrorOf({ SESSION_SECRET: 'x'.repeat(31) }).message).toMatch(
      blames('SESSION_SECRET'),
    );
    expect(parseConfig({ SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });

  it('when absent, creates a secret in DATA_DIR and reads the same one back next time', () => {
    const dataDir = tempDir();
    const first = parseConfig({ DATA_DIR: dataDir });
    const file = join(dataDir, 'session-secret');
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
    // Only the server's user may read it.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = parseConfig({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it('gives each data directory its own secret and creates missing directories', () => {
    const a = parseConfig({ DATA_DIR: tempDir() }).sessionSecret;
    const nested = join(tempDir(), 'not', 'yet', 'there');
    const b = parseConfig({ DATA_DIR: nested }).sessionSecret;
    expect(b).not.toBe(a);
    expect(readFileSync(join(nested, 'session-secret'), 'utf8').trim()).toBe(b);
  });

  it('treats a blank SESSION_SECRET as absent', () => {
    const dataDir = tempDir();
    const config = parseConfig({ DATA_DIR: dataDir, SESSION_SECRET: '   ' });
    expect(config.sessionSecret).toBe(readFileSync(join(dataDir, 'session-secret'), 'utf8').trim());
  });
});

describe('PUBLIC_BASE_URL', () => {
  it('drops trailing slashes', () => {
    expect(
      parseConfig({ SESSION_SECRET: secret, PUBLIC_BASE_URL: 'https://vote.example.org/' })
        .publicBaseUrl,
    ).toBe('https://vote.example.org');
    expect(
      parseConfig({ SESSION_SECRET: secret, PUBLIC_BASE_URL: 'https://example.org/vote//' })
        .publicBaseUrl,
    ).toBe('https://example.org/vote');
  });

  it('refuses a non-http(s) URL, naming PUBLIC_BASE_URL', () => {
    expect(configErrorOf({ PUBLIC_BASE_URL: 'ftp://example.org' }).message).toMatch(
      blames('PUBLIC_BASE_URL'),
    );
  });
});

describe('ConfigError', () => {
  it('names every bad variable at once', () => {
    const { message, name } = configErrorOf({ PORT: 'abc', DATABASE_URL: 'postgres://x' });
    expect(name).toBe('ConfigError');
    expect(message).toMatch(blames('PORT'));
    expect(message).toMatch(blames('DATABASE_URL'));
  });
});
