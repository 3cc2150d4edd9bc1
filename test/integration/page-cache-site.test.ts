/**
 * The page cache with the real pages: the site's build rendered in this process with a clock
 * the test moves, and two production server processes on one database file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { campaign, candidate } from '#src/db/schema/index.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import { createFrontServer, type AstroHandler } from '#src/server/front-server.ts';
import { readInlineScriptHashes } from '#src/server/security-headers.ts';
import { cheapAltcha } from '../helpers/bot-proof.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useTestDb } from '../helpers/harness.ts';
import { logInAs, makeStaffUser } from '../helpers/staff.ts';
import { ensureBuild, startSite, stopSite, type Site } from '../helpers/site-process.ts';
import { fixedClock, testSecret } from '../helpers/test-api.ts';

let astroHandler: AstroHandler;

beforeAll(async () => {
  await ensureBuild();
  ({ handler: astroHandler } = (await import(
    pathToFileURL(resolve('dist/server/entry.mjs')).href
  )) as { handler: AstroHandler });
}, 180_000);

describe('a real page through the cache, on the site’s clock', () => {
  const db = useTestDb();
  let server: Server;
  let base: string;
  const clock = fixedClock(new Date('2026-11-20T04:00:00Z'));

  beforeAll(async () => {
    const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret });
    const services = { config, dbHandle: db, botCheck: cheapAltcha(testSecret), clock };
    const api = createApi({ db: db.db, config, botCheck: services.botCheck, clock });
    const front = createFrontServer({
      services,
      api,
      astroHandler,
      config,
      clientDir: 'dist/client',
      inlineScriptHashes: readInlineScriptHashes(resolve('dist/server')),
    });
    server = await new Promise<Server>((done) => {
      const s = serve({ fetch: front.fetch, hostname: '127.0.0.1', port: 0 }, () =>
        done(s as Server),
      ) as Server;
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('turns the list and the campaign page at the vote’s opening instant, to the millisecond', async () => {
    // An opening that is not on a whole minute: the cache must not wait for the next one.
    const opens = new Date('2026-11-20T04:00:30.250Z');
    clock.set(new Date(opens.getTime() - 20_000));
    const c = await makeCampaign(db.db, clock.now(), {
      voteOpensAt: opens,
      voteClosesAt: new Date(opens.getTime() + 86_400_000),
    });
    const t = await makeTrack(db.db, c.id);
    await makeCandidate(db.db, t);
    await new Promise((r) => setTimeout(r, 300)); // the cache's version check
    const pages = [`/campaigns/${c.slug}`, `/campaigns/${c.slug}/tracks/${t.slug}`];
    const text = async (path: string) => (await fetch(base + path)).text();
    for (const path of pages) {
      expect(await text(path), path).toContain('投票尚未开始');
    }
    clock.set(new Date(opens.getTime() - 1));
    for (const path of pages) expect(await text(path), path).toContain('投票尚未开始');
    clock.set(opens);
    for (const path of pages) {
      const html = await text(path);
      expect(html, path).toContain('投票进行中');
      expect(html, path).not.toContain('投票尚未开始');
    }
  });
});

describe('two server processes on one database file', () => {
  let dir: string;
  let handle: DbHandle;
  const sites: Site[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'honour-roll-cache-'));
    const url = `file:${join(dir, 'site.db')}`;
    handle = await createDb({ url });
    await applyMigrations(handle.db);
    await seedDemo(handle.db, new Date());
    // One after the other: the second starts on a database the first has opened.
    for (let i = 0; i < 2; i++) {
      sites.push(
        await startSite({
          DATA_DIR: dir,
          DATABASE_URL: url,
          SESSION_SECRET: testSecret,
          BALLOT_RATE_PER_MINUTE: '1000',
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sites.map((s) => stopSite(s)));
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a staff edit made through one process on the other’s cached pages within a second, in both scripts', async () => {
    const [a, b] = sites as [Site, Site];
    const [c] = await handle.db.select().from(campaign).where(eq(campaign.slug, '2026'));
    const [target] = await handle.db
      .select()
      .from(candidate)
      .where(and(eq(candidate.campaignId, c!.id), eq(candidate.status, 'shortlisted')))
      .limit(1);
    const page = (lang: string) =>
      `${b.baseUrl}/campaigns/2026/candidates/${target!.id}?lang=${lang}`;
    // B has both pages in its cache.
    for (const lang of ['zh-CN', 'zh-TW', 'zh-CN', 'zh-TW']) {
      expect((await fetch(page(lang))).status).toBe(200);
    }

    const editor = await makeStaffUser(handle.db, { role: 'editor' });
    const onA = { request: (p: string, init?: RequestInit) => fetch(a.baseUrl + p, init) };
    const { cookie, csrfToken } = await logInAs(onA, editor);
    const edited = await fetch(`${a.baseUrl}/api/staff/candidates/${target!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: '陈缓存' }),
    });
    expect(edited.status).toBe(200);
    const saved = performance.now();

    const seen: Record<string, number> = {};
    while (performance.now() - saved < 5000 && Object.keys(seen).length < 2) {
      for (const [lang, name] of [
        ['zh-CN', '陈缓存'],
        ['zh-TW', '陳緩存'],
      ] as const) {
        if (seen[lang] === undefined && (await (await fetch(page(lang))).text()).includes(name)) {
          seen[lang] = performance.now() - saved;
        }
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen['zh-CN']).toBeLessThan(1000);
    expect(seen['zh-TW']).toBeLessThan(1000);
  });
});
