import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDb } from '../helpers/harness.ts';
import { cheapAltcha } from '../helpers/bot-proof.ts';
import { makeCampaign } from '../helpers/factories.ts';
import { fixedClock, testSecret } from '../helpers/test-api.ts';
import { selectLocale } from '#src/i18n/select-locale.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import {
  createFrontServer,
  type AstroHandler,
  type FrontServer,
} from '#src/server/front-server.ts';

const start = new Date('2026-11-20T04:00:10Z');
const clock = fixedClock(start);
const db = useTestDb();
let clientDir: string;
const servers: Server[] = [];
/** Renders per path, as the stand-in for Astro counts them. */
const renders = new Map<string, number>();
/** When the page /opens changes (set by a test). */
let opensAt = new Date(start.getTime() + 30_500);

/** The language as src/middleware.ts chooses it, from the request alone. */
function languageOf(url: URL, cookie: string | undefined, acceptLanguage: string | undefined) {
  const lang = /(?:^|;\s*)lang=([^;]+)/.exec(cookie ?? '')?.[1];
  return selectLocale({
    query: url.searchParams.get('lang'),
    cookie: lang,
    acceptLanguage: acceptLanguage ?? null,
  });
}

/**
 * Stands in for Astro's build, writing to the Node response as Astro does: a page that names
 * its language, path and query, and a few pages that set a cookie, fail, or say when they end.
 */
const astroHandler: AstroHandler = async (req, res, next, locals) => {
  const url = new URL(req.url ?? '/', 'http://site');
  renders.set(url.pathname, (renders.get(url.pathname) ?? 0) + 1);
  const { locale, remember } = languageOf(url, req.headers.cookie, req.headers['accept-language']);
  const html = (body: string, status = 200, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': locale,
      Vary: 'Cookie, Accept-Language',
      ...(remember
        ? { 'Set-Cookie': `lang=${remember}; Max-Age=31536000; Path=/; SameSite=Lax` }
        : {}),
      ...headers,
    });
    res.end(body);
  };
  const page = `<!doctype html><html lang="${locale}"><p>${locale} ${url.pathname}${url.search}</p>${'<p>正文</p>'.repeat(400)}</html>`;
  switch (url.pathname) {
    case '/404':
      return html(`<p>${locale} 没有找到</p>`, 404);
    case '/sets-cookie':
      return html(page, 200, { 'Set-Cookie': 'seen=1; Path=/' });
    case '/fails':
      return html('<p>出错了</p>', 500);
    case '/receipt':
      locals.pageNotCached = true;
      return html(page);
    case '/opens': {
      const now = locals.services.clock.now();
      locals.pageExpiresAt = now < opensAt ? opensAt.getTime() : undefined;
      return html(`<p>${now < opensAt ? '尚未开始' : '投票进行中'}</p>`);
    }
    case '/big':
      // Incompressible: its compressed copies are as large as it is.
      return html(`<p>${url.search}</p>${randomBytes(225_000).toString('base64')}`);
    case '/missing':
      return next();
    default:
      return html(page);
  }
};

let front: FrontServer;
let base: string;

async function startFront(env: Record<string, string> = {}) {
  const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret, ...env });
  const services = { config, dbHandle: db, botCheck: cheapAltcha(testSecret), clock };
  const api = createApi({ db: db.db, config, botCheck: services.botCheck, clock });
  const created = createFrontServer({ services, api, astroHandler, config, clientDir });
  const server = await new Promise<Server>((done) => {
    const s = serve({ fetch: created.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      done(s as Server),
    ) as Server;
  });
  servers.push(server);
  return { front: created, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'honour-roll-client-'));
  ({ front, base } = await startFront());
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  rmSync(clientDir, { recursive: true, force: true });
});

/** A GET as a browser sends it, with the body as bytes (not decoded). */
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await request(`${base}${path}`, { method: method as 'GET', headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  const header = (name: string) => {
    const v = res.headers[name];
    return Array.isArray(v) ? v.join('\n') : v;
  };
  return { status: res.statusCode, header, body };
}

const rendersOf = (path: string) => renders.get(path) ?? 0;

describe('the page cache', () => {
  it('renders a page once for many readers, and serves it compressed and conditionally', async () => {
    const first = await get('/a', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    for (let i = 0; i < 5; i++) await get('/a', { 'accept-encoding': 'gzip' });
    expect(rendersOf('/a')).toBe(1);

    const identity = await get('/a');
    const gz = await get('/a', { 'accept-encoding': 'gzip, deflate' });
    const br = await get('/a', { 'accept-encoding': 'gzip, deflate, br' });
    // The cache keeps only the compressed copies of a page this size; the identity body is
    // inflated from them, byte for byte what was rendered.
    expect(identity.header('content-encoding')).toBeUndefined();
    expect(identity.body.toString()).toMatch(
      /^<!doctype html><html lang="zh-CN"><p>zh-CN \/a<\/p>(<p>正文<\/p>){400}<\/html>$/,
    );
    expect(Number(identity.header('content-length'))).toBe(identity.body.length);
    expect(gz.header('content-encoding')).toBe('gzip');
    expect(br.header('content-encoding')).toBe('br');
    expect(gunzipSync(gz.body).equals(identity.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    expect(br.body.length).toBeLessThan(identity.body.length / 5);
    expect(br.header('vary')).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(br.header('cache-control')).toBe('private, no-cache');
    expect(br.header('content-security-policy')).toMatch(/^default-src 'self'/);
    // A strong ETag per encoding; any of them (or *) answers 304 without a body.
    expect(br.header('etag')).toMatch(/^"[\w-]+-br"$/);
    for (const tag of [
      br.header('etag')!,
      gz.header('etag')!,
      '*',
      `W/${identity.header('etag')}`,
    ]) {
      const again = await get('/a', { 'accept-encoding': 'br', 'if-none-match': tag });
      expect(again.status, tag).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.header('etag')).toBe(br.header('etag'));
    }
    expect((await get('/a', { 'if-none-match': '"other"' })).status).toBe(200);
    const head = await get('/a', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.header('content-length'))).toBe(br.body.length);
    expect(rendersOf('/a')).toBe(1);
  });

  it('shares one render among readers who miss at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => get('/together')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(rendersOf('/together')).toBe(1);
  });

  it('keeps each language apart, and never hands one reader’s language cookie to another', async () => {
    const tw = await get('/b', { cookie: 'lang=zh-TW' });
    const en = await get('/b?lang=en');
    const cn = await get('/b', { 'accept-language': 'zh-CN,zh;q=0.9' });
    const enAgain = await get('/b', { 'accept-language': 'en-GB' });
    expect(tw.body.toString()).toContain('zh-TW /b');
    expect(en.body.toString()).toContain('en /b');
    expect(cn.body.toString()).toContain('zh-CN /b');
    // The same language without ?lang= in the URL is its own page: links and forms of a page
    // reached by ?lang= keep naming the language, the others do not.
    expect(enAgain.body.toString()).toContain('en /b</p>');
    expect(en.body.toString()).toContain('en /b?lang=en</p>');
    // ?lang= with no cookie yet: the cookie is set for that reader only, from the URL.
    expect(en.header('set-cookie')).toBe('lang=en; Max-Age=31536000; Path=/; SameSite=Lax');
    expect(enAgain.header('set-cookie')).toBeUndefined();
    expect(cn.header('set-cookie')).toBeUndefined();
    expect((await get('/b?lang=en', { cookie: 'lang=en' })).header('set-cookie')).toBeUndefined();
    // A URL that names its language is the same for everyone: a CDN may keep it.
    expect(en.header('vary')).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(en.header('cache-control')).toMatch(
      /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=30$/,
    );
    expect(rendersOf('/b')).toBe(4);
    // Each of the two is kept: asked again, neither renders.
    expect((await get('/b?lang=en')).body.toString()).toContain('en /b?lang=en</p>');
    expect((await get('/b', { cookie: 'lang=en' })).body.toString()).toContain('en /b</p>');
    expect(rendersOf('/b')).toBe(4);
  });

  it('keeps nothing that belongs to one reader: staff sessions, previews, cookies, receipts', async () => {
    for (const [path, headers] of [
      ['/c', { cookie: 'staff=token' }],
      ['/c', { cookie: '__Host-staff=token' }],
      ['/c?preview=1', {}],
      ['/sets-cookie', {}],
      ['/receipt', {}],
    ] as const) {
      const before = rendersOf(path.split('?')[0]!);
      await get(path, headers);
      await get(path, headers);
      expect(rendersOf(path.split('?')[0]!) - before, path).toBe(2);
    }
    // The cookie a page set goes to the reader it was rendered for, and no other.
    const cookied = await get('/sets-cookie');
    expect(cookied.header('set-cookie')).toContain('seen=1');
    // An ordinary reader of /c afterwards gets it from a render of its own.
    const plain = await get('/c');
    expect(plain.body.toString()).toContain('zh-CN /c');
    expect(plain.body.toString()).not.toContain('preview');
  });

  it('keeps no error but 404, and no request that is not a GET', async () => {
    for (let i = 0; i < 2; i++) expect((await get('/fails')).status).toBe(500);
    expect(rendersOf('/fails')).toBe(2);
    for (let i = 0; i < 2; i++) expect((await get('/missing')).status).toBe(404);
    // The site's 404 page is rendered once, then kept under the path asked for.
    expect(rendersOf('/404')).toBe(1);
    const post = await request(`${base}/d`, { method: 'POST', body: 'x' });
    await post.body.text();
    await get('/d', {}, 'HEAD');
    expect(rendersOf('/d')).toBe(2);
  });

  it('renders a request with a query parameter no page reads afresh, and keeps it out', async () => {
    await get('/e?utm_source=wechat');
    await get('/e?utm_source=wechat');
    expect(rendersOf('/e')).toBe(1);
    await get('/e?made-up=1');
    await get('/e?made-up=1');
    expect(rendersOf('/e')).toBe(3);
  });

  it('drops what was rendered before a change to public content, within the version check', async () => {
    await get('/f');
    await get('/f');
    expect(rendersOf('/f')).toBe(1);
    // Any write that can change a public page moves the content version (a trigger).
    await makeCampaign(db.db, start);
    await new Promise((r) => setTimeout(r, 300));
    await get('/f');
    expect(rendersOf('/f')).toBe(2);
  });

  it('turns a page at the instant it said it would change, on the site’s clock', async () => {
    clock.set(start);
    opensAt = new Date(start.getTime() + 30_500);
    expect((await get('/opens')).body.toString()).toContain('尚未开始');
    clock.set(new Date(opensAt.getTime() - 1));
    expect((await get('/opens')).body.toString()).toContain('尚未开始');
    expect(rendersOf('/opens')).toBe(1);
    clock.set(opensAt);
    expect((await get('/opens')).body.toString()).toContain('投票进行中');
    expect(rendersOf('/opens')).toBe(2);
  });

  it('keeps any page until the next whole minute at the longest', async () => {
    clock.set(new Date('2026-11-20T04:10:59.000Z'));
    await get('/g');
    clock.set(new Date('2026-11-20T04:10:59.999Z'));
    await get('/g');
    expect(rendersOf('/g')).toBe(1);
    clock.set(new Date('2026-11-20T04:11:00.000Z'));
    await get('/g');
    expect(rendersOf('/g')).toBe(2);
  });

  it('holds its memory to PAGE_CACHE_MB, dropping the least recently used first', async () => {
    const small = await startFront({ PAGE_CACHE_MB: '1' });
    for (let i = 0; i < 12; i++) {
      const res = await request(`${small.base}/big?q=${i}`);
      await res.body.arrayBuffer();
    }
    const stats = small.front.pageCache!.stats;
    expect(stats.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.entries).toBeLessThan(12);
  });

  it('reads the content version afresh after a staff write only, never after a ballot', async () => {
    const cache = front.pageCache!;
    const rechecks = vi.spyOn(cache, 'recheckVersion');
    try {
      const post = (path: string) =>
        request(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }).then((r) => r.body.text());
      await post('/api/ballots');
      await post('/api/notices/none/reports');
      expect(rechecks).not.toHaveBeenCalled();
      await post('/api/staff/session');
      expect(rechecks).toHaveBeenCalledTimes(1);
    } finally {
      rechecks.mockRestore();
    }
  });

  it('is off with PAGE_CACHE_MB=0: every request renders', async () => {
    const off = await startFront({ PAGE_CACHE_MB: '0' });
    expect(off.front.pageCache).toBeUndefined();
    for (let i = 0; i < 2; i++) await (await request(`${off.base}/h`)).body.text();
    expect(rendersOf('/h')).toBe(2);
  });

  it('serves open data from the cache, and keeps live counts a few seconds at most', async () => {
    clock.set(start);
    const live = await makeCampaign(db.db, start, { countsVisibility: 'live' });
    await new Promise((r) => setTimeout(r, 300));
    const path = `/api/campaigns/${live.slug}/results`;
    const first = await get(path, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    // Too small to gain from compression: kept and sent as it is.
    expect(first.header('content-encoding')).toBeUndefined();
    const body = JSON.parse(first.body.toString()) as { countsVisible: boolean };
    expect(body.countsVisible).toBe(true);
    // The route's own rule for live counts goes out as it said, and bounds the cache too.
    expect(first.header('cache-control')).toBe('public, max-age=5');
    expect(first.header('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const again = await get(path, { 'if-none-match': first.header('etag')! });
    expect(again.status).toBe(304);
    const renders = front.pageCache!.stats.renders;
    await get(path);
    expect(front.pageCache!.stats.renders).toBe(renders);
    clock.set(new Date(start.getTime() + 5_000));
    // Rendered anew after five seconds (it says when it was generated: another ETag).
    expect((await get(path, { 'if-none-match': first.header('etag')! })).status).toBe(200);
    expect(front.pageCache!.stats.renders).toBe(renders + 1);
  });

  it('compresses the API’s other large answers, and never a ballot’s', async () => {
    const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret });
    const api = createApi({ db: db.db, config, botCheck: cheapAltcha(testSecret), clock });
    const doc = await api.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(doc.headers.get('content-encoding')).toBe('gzip');
    const ballot = await api.request('/api/ballots', {
      method: 'POST',
      headers: { 'accept-encoding': 'gzip', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ballot.headers.get('content-encoding')).toBeNull();
  });
});
