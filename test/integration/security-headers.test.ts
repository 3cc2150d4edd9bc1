import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { media } from '#src/db/schema/index.ts';
import { systemClock } from '#src/domain/clock.ts';
import { useTestDb } from '../helpers/harness.ts';
import { cheapAltcha } from '../helpers/bot-proof.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import { createFrontServer, type AstroHandler } from '#src/server/front-server.ts';
import { cspHashOf, readInlineScriptHashes } from '#src/server/security-headers.ts';
import { testSecret } from '../helpers/test-api.ts';

const db = useTestDb();
let clientDir: string;
const servers: Server[] = [];

const inlineScript = 'document.documentElement.dataset.enhanced="";';
const inlineHash = cspHashOf(inlineScript);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
const mediaId = createHash('sha256').update(svg).digest('hex');

/** Stands in for Astro's build: writes a small page to the Node response, as Astro does. */
const astroHandler: AstroHandler = async (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>stub</title><script type="module">${inlineScript}</script>`);
};

beforeAll(async () => {
  await db.db.insert(media).values({
    id: mediaId,
    contentType: 'image/svg+xml',
    bytes: svg,
    width: 1,
    height: 1,
  });
  clientDir = mkdtempSync(join(tmpdir(), 'honour-roll-client-'));
  mkdirSync(join(clientDir, '_astro'));
  writeFileSync(join(clientDir, '_astro', 'ballot.Ab12Cd34.js'), 'export {};\n');
  writeFileSync(join(clientDir, 'robots.txt'), 'User-agent: *\n');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  rmSync(clientDir, { recursive: true, force: true });
});

afterEach(() => vi.restoreAllMocks());

/** The front server over the test database, listening on a free port of 127.0.0.1. */
async function startFront(env: Record<string, string> = {}): Promise<string> {
  const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret, ...env });
  const services = {
    config,
    dbHandle: db,
    botCheck: cheapAltcha(testSecret),
    clock: systemClock,
  };
  const api = createApi({ db: db.db, config, botCheck: services.botCheck, clock: systemClock });
  const front = createFrontServer({
    services,
    api,
    astroHandler,
    config,
    clientDir,
    inlineScriptHashes: [inlineHash],
  });
  const server = await new Promise<Server>((done) => {
    const s = serve({ fetch: front.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      done(s as Server),
    ) as Server;
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The CSP's directives by name. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectPageHeaders(res: Response) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(csp.get('script-src')).toContain("'self'");
  expect(csp.get('script-src')).toContain(inlineHash);
  expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('permissions-policy')).toBe(
    'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  );
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  return csp;
}

describe('security headers of the front server', () => {
  let altcha: string;
  let turnstile: string;
  let https: string;

  beforeAll(async () => {
    altcha = await startFront();
    turnstile = await startFront({
      TURNSTILE_SITE_KEY: 'site-key',
      TURNSTILE_SECRET_KEY: 'secret-key',
      PUBLIC_BASE_URL: 'https://vote.example.cn',
    });
    https = await startFront({ PUBLIC_BASE_URL: 'https://vote.example.cn' });
  });

  it('gives a page a strict CSP that allows the build’s inline script by hash only', async () => {
    const res = await fetch(`${altcha}/campaigns/2026`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(inlineScript);
    const csp = expectPageHeaders(res);
    expect(csp.get('script-src')).toEqual(["'self'", inlineHash]);
    expect(csp.has('frame-src')).toBe(false);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('loads nothing from Cloudflare on a ballot page with the self-hosted check', async () => {
    for (const path of ['/campaigns/2026/tracks/cadres', '/campaigns/2026/candidates/7']) {
      const res = await fetch(altcha + path);
      const csp = expectPageHeaders(res);
      expect(res.headers.get('content-security-policy')).not.toContain('cloudflare');
      expect(csp.has('frame-src')).toBe(false);
    }
  });

  it('allows Cloudflare’s widget on ballot pages with Turnstile, and only there', async () => {
    for (const path of ['/campaigns/2026/tracks/cadres', '/campaigns/2026/candidates/7/']) {
      const csp = expectPageHeaders(await fetch(turnstile + path));
      expect(csp.get('script-src')).toEqual([
        "'self'",
        inlineHash,
        'https://challenges.cloudflare.com',
      ]);
      expect(csp.get('frame-src')).toEqual(["'self'", 'https://challenges.cloudflare.com']);
    }
    for (const path of ['/', '/campaigns/2026', '/receipt', '/campaigns/2026/tracks']) {
      const res = await fetch(turnstile + path);
      expect(res.headers.get('content-security-policy')).not.toContain('cloudflare');
    }
  });

  it('allows Cloudflare’s widget on notice pages (the report form) with Turnstile, and only there', async () => {
    for (const path of ['/notices/2025-1', '/notices/2026-3/']) {
      const csp = expectPageHeaders(await fetch(turnstile + path));
      expect(csp.get('script-src')).toEqual([
        "'self'",
        inlineHash,
        'https://challenges.cloudflare.com',
      ]);
      expect(csp.get('frame-src')).toEqual(["'self'", 'https://challenges.cloudflare.com']);
    }
    // The archive, feeds and anything below a notice send no report.
    for (const path of [
      '/notices',
      '/notices/feed.xml',
      '/notices/2025-1/revisions/1',
      '/notices/2025-1/print',
    ]) {
      const res = await fetch(turnstile + path);
      expect(res.headers.get('content-security-policy'), path).not.toContain('cloudflare');
    }
  });

  it('loads nothing from Cloudflare on a notice page with the self-hosted check', async () => {
    const res = await fetch(`${altcha}/notices/2025-1`);
    const csp = expectPageHeaders(res);
    expect(res.headers.get('content-security-policy')).not.toContain('cloudflare');
    expect(csp.has('frame-src')).toBe(false);
  });

  it('gives API answers a CSP that allows nothing', async () => {
    for (const path of ['/api/health', '/api/campaigns/nope']) {
      const res = await fetch(altcha + path);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('keeps the media route’s own CSP', async () => {
    const res = await fetch(`${altcha}/api/media/${mediaId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('marks static assets nosniff and sends no page CSP with them', async () => {
    const hashed = await fetch(`${altcha}/_astro/ballot.Ab12Cd34.js`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await fetch(`${altcha}/robots.txt`);
    expect(plain.status).toBe(200);
    for (const res of [hashed, plain]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect(plain.headers.get('content-security-policy')).toBeNull();
    // A script of the build as a worker (the bot check's) may compile WebAssembly, nothing more.
    expect(hashed.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'",
    );
  });

  it('sends HSTS on every kind of response when the public URL is https', async () => {
    for (const path of ['/', '/campaigns/2026/tracks/cadres', '/api/health', '/robots.txt']) {
      const res = await fetch(https + path);
      expect(res.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
  });

  it('answers HEAD on a page once, without a second write', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await fetch(`${altcha}/campaigns/2026`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).not.toHaveBeenCalled();
  });
});

describe('inline script hashes from the build', () => {
  it('reads the scripts Astro inlines from its manifest and hashes them as the browser does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'honour-roll-build-'));
    try {
      mkdirSync(join(dir, 'chunks'));
      const script = 'var e=(e,t)=>e.querySelector(t);console.log("]}\\"");';
      writeFileSync(join(dir, 'entry.mjs'), 'export {};\n');
      writeFileSync(
        join(dir, 'chunks', 'server_x.mjs'),
        `var m = deserializeManifest(${JSON.stringify({
          assets: [],
          inlinedScripts: [['/src/components/BallotTray.astro?type=script', script]],
          key: 'k',
        })});\n`,
      );
      const expected = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
      expect(readInlineScriptHashes(dir)).toEqual([expected]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a build whose manifest it cannot find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'honour-roll-build-'));
    try {
      writeFileSync(join(dir, 'entry.mjs'), 'export {};\n');
      expect(() => readInlineScriptHashes(dir)).toThrow(/inlined-script list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
