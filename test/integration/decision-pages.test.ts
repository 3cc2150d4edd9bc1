/**
 * The end of the demo's 2025 selection as a visitor gets it (the build, behind the front
 * server): the notice's outcome, the naming decision's pages in three languages, the archive,
 * the feed, the sitemap and the campaign's pages.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import { campaign, candidate } from '#src/db/schema/index.ts';
import { serveBuiltSite, type BuiltSite } from '../helpers/built-site.ts';
import { useTestDb } from '../helpers/harness.ts';
import { fixedClock } from '../helpers/test-api.ts';

const db = useTestDb();
let site: BuiltSite;
let base: string;

beforeAll(async () => {
  const now = new Date('2026-11-20T04:00:00Z');
  await seedDemo(db.db, now);
  site = await serveBuiltSite(db, fixedClock(now));
  base = site.base;
}, 180_000);

afterAll(() => site.close());

const page = async (path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, text: await res.text() };
};

describe('the end of the 2025 selection on the site', () => {
  it('states the outcome on the notice page and links the decision', async () => {
    const { status, text } = await page('/notices/2025-1');
    expect(status).toBe(200);
    expect(text).toContain('公示结果');
    expect(text).toContain('公示期间共收到反映1件，经核实，所反映问题不属实，不影响命名。');
    expect(text).toContain('href="/decisions/2025"');
  });

  it('serves the decision in three languages, its revision, and 404 for what does not exist', async () => {
    const zh = await page('/decisions/2025');
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('中共澄川市委关于命名2025年度澄川市担当作为好单位、好干部的决定');
    expect(zh.text).toContain('澄委〔2026〕3号');
    expect(zh.text).toContain('数据与订阅');
    const tw = await page('/decisions/2025?lang=zh-TW');
    expect(tw.text).toContain('關於命名');
    expect(tw.text).toContain('訂閱');
    expect(tw.text).not.toContain('数据与订阅');
    const en = await page('/decisions/2025?lang=en');
    expect(en.text).toContain('Data and feed');
    expect(en.text).toContain('The publicity notice this decision rests on');
    expect((await page('/decisions/2025/revisions/1')).status).toBe(200);
    expect((await page('/decisions/2025/revisions/9')).status).toBe(404);
    expect((await page('/decisions/no-such')).status).toBe(404);
  });

  it('lists the decision in the archive, the feed and the sitemap', async () => {
    expect((await page('/notices')).text).toContain('href="/decisions/2025"');
    const feed = (await page('/notices/feed.xml')).text;
    expect(feed).toContain('/decisions/2025/revisions/1</id>');
    expect(feed).toContain('中共澄川市委关于命名2025年度');
    expect(feed).toContain('公示结果：公示期间共收到反映1件');
    expect((await page('/sitemap.xml')).text).toContain('/decisions/2025');
  });

  it('shows the final outcome on the campaign home and the profiles of those named', async () => {
    const home = (await page('/campaigns/2025')).text;
    expect(home).toContain('命名6个单位、8名同志');
    expect(home).toContain('href="/decisions/2025"');
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2025') });
    const named = await db.db.query.candidate.findFirst({
      where: and(eq(candidate.campaignId, c!.id), eq(candidate.name, '马立衡')),
    });
    const profile = (await page(`/campaigns/2025/candidates/${named!.id}`)).text;
    expect(profile).toContain('已命名');
    expect(profile).toContain(`/decisions/2025#named-${named!.id}`);
  });
});
