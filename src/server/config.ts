import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { localPathOf } from '../db/client.ts';

/** Cloudflare's siteverify endpoint, the default for TURNSTILE_VERIFY_URL. */
export const cloudflareSiteverifyUrl = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (value === '' || value === 'false') return [] as string[];
    const entries = value.split(',').map((e) => e.trim());
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const family = entry === 'loopback' ? 4 : isIP(address ?? '');
      const bitsOk =
        bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
      if (family === 0 || !bitsOk) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not an IP address, a CIDR range or "loopback"`,
        });
        return z.NEVER;
      }
    }
    return entries;
  });

/** A whole number from `min` to `max`, as an environment variable spells it. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

/**
 * ALTCHA's defaults, calibrated in Chromium with the CPU slowed 4× and 6× (README, "The bot
 * check"): Argon2id over 1 MiB per step, and on average this many steps for one challenge.
 */
export const defaultAltchaSteps = 20;
export const defaultAltchaMemoryKib = 1024;

/**
 * Memory for rendered public pages, per process (src/server/page-cache.ts); 0 turns it off.
 * The 91 pages of the demo's sitemap in three languages take 6.4 MB; the rest holds searches.
 */
const defaultPageCacheMb = 32;

const databaseUrl = z
  .string()
  .trim()
  .optional()
  .refine((v) => v === undefined || /^(file|libsql|https?|wss?):/.test(v), {
    message: 'must start with file:, libsql:, http(s): or ws(s):',
  });

const envSchema = z
  .object({
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a whole number from 0 to 65535'))
      .default(4321),
    DATABASE_URL: databaseUrl,
    DATABASE_AUTH_TOKEN: optionalText,
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    SESSION_SECRET: optionalText.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    TURNSTILE_SITE_KEY: optionalText,
    TURNSTILE_SECRET_KEY: optionalText,
    TURNSTILE_VERIFY_URL: z.url({ protocol: /^https?$/ }).default(cloudflareSiteverifyUrl),
    BOT_CHECK: z.enum(['altcha', 'turnstile']).optional(),
    ALTCHA_STEPS: wholeNumber(1, 100_000).default(defaultAltchaSteps),
    ALTCHA_MEMORY_KIB: wholeNumber(64, 65_536).default(defaultAltchaMemoryKib),
    TRUST_PROXY: trustProxy,
    DATA_DIR: z.string().trim().min(1).default('data'),
    PAGE_CACHE_MB: wholeNumber(0, 65_536).default(defaultPageCacheMb),
    SITE_ID_CODE: optionalText.pipe(
      z
        .string()
        .regex(/^[0-9A-Za-z]{4,20}$/, 'must be 4 to 20 letters or digits')
        .optional(),
    ),
    ICP_FILING: optionalText.pipe(z.string().max(60, 'must be at most 60 characters').optional()),
    PSB_FILING: optionalText.pipe(
      z
        .string()
        .max(60, 'must be at most 60 characters')
        .regex(/\d{6,}/, 'must contain the filing number')
        .optional(),
    ),
    SITE_ORGANISER: optionalText.pipe(
      z.string().max(100, 'must be at most 100 characters').optional(),
    ),
    SITE_CONTACT: optionalText.pipe(
      z.string().max(200, 'must be at most 200 characters').optional(),
    ),
    BALLOT_RATE_PER_MINUTE: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, 'must be a whole number of at least 1')
      .transform(Number)
      .pipe(z.number().min(1, 'must be a whole number of at least 1'))
      .default(60),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_CHECK === 'turnstile' && !(env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_CHECK'],
        message: 'turnstile needs TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY',
      });
    }
    if (Boolean(env.TURNSTILE_SITE_KEY) !== Boolean(env.TURNSTILE_SECRET_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TURNSTILE_SITE_KEY ? 'TURNSTILE_SECRET_KEY' : 'TURNSTILE_SITE_KEY'],
        message: 'TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY must be set together',
      });
    }
  });

export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  /**
   * True when DATABASE_URL is not set: the embedded default, a local file that exists to try
   * the site out. Only then does an empty database get the fictional demo data on start.
   */
  embeddedDatabase: boolean;
  /** Origin used in canonical links, share links and QR codes. */
  publicBaseUrl: string;
  sessionSecret: string;
  /**
   * Which bot check guards ballots and reports: Cloudflare Turnstile (abroad), or the
   * self-hosted ALTCHA proof of work (mainland China, and the default).
   */
  botCheck:
    | { provider: 'turnstile'; siteKey: string; secretKey: string; verifyUrl: string }
    | { provider: 'altcha'; steps: number; memoryKib: number };
  /** Proxies whose X-Forwarded-For is believed: addresses, CIDR ranges or `loopback`. */
  trustProxy: string[];
  dataDir: string;
  /** Ballot requests one address may send per minute to one process. */
  ballotRatePerMinute: number;
  /** Bytes the page cache may hold in this process; 0 when it is off. */
  pageCacheBytes: number;
  /**
   * What a government site's footer shows, each only when set: 网站标识码, the ICP filing
   * number, the public-security filing number, the organiser (主办单位) and how to reach it.
   */
  siteFooter: {
    siteIdCode: string | undefined;
    icpFiling: string | undefined;
    psbFiling: string | undefined;
    organiser: string | undefined;
    contact: string | undefined;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // `PORT=` in an env file means "not set", for every variable alike.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  // The embedded default lives in the data directory, beside the secret.
  const databaseUrl = resolveFileUrl(e.DATABASE_URL ?? `file:${join(dataDir, 'site.db')}`);
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    embeddedDatabase: given.DATABASE_URL === undefined,
    publicBaseUrl:
      e.PUBLIC_BASE_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    botCheck:
      (e.BOT_CHECK ?? (e.TURNSTILE_SITE_KEY && e.TURNSTILE_SECRET_KEY ? 'turnstile' : 'altcha')) ===
      'turnstile'
        ? {
            provider: 'turnstile',
            siteKey: e.TURNSTILE_SITE_KEY!,
            secretKey: e.TURNSTILE_SECRET_KEY!,
            verifyUrl: e.TURNSTILE_VERIFY_URL,
          }
        : { provider: 'altcha', steps: e.ALTCHA_STEPS, memoryKib: e.ALTCHA_MEMORY_KIB },
    trustProxy: e.TRUST_PROXY,
    dataDir,
    ballotRatePerMinute: e.BALLOT_RATE_PER_MINUTE,
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    siteFooter: {
      siteIdCode: e.SITE_ID_CODE,
      icpFiling: e.ICP_FILING,
      psbFiling: e.PSB_FILING,
      organiser: e.SITE_ORGANISER,
      contact: e.SITE_CONTACT,
    },
  };
}

/** Relative `file:` paths are taken from the project root, whoever opens them. */
function resolveFileUrl(url: string): string {
  const path = localPathOf(url);
  if (path === null || path === ':memory:' || url.startsWith('file://')) return url;
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  return `file:${resolve(path)}${query}`;
}

/**
 * Without SESSION_SECRET, one random secret is made on first start and kept in the data
 * directory, so cookies and address hashes stay valid across restarts. Several processes must
 * share it: set SESSION_SECRET when they do not share the data directory.
 */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      // 'wx' fails if another process won the race; then read what it wrote.
      writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
