/**
 * Public pages as a visitor gets them (the build, behind the front server), with the
 * configuration a government site sets: the footer, the privacy statement, the favicon.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import { serveBuiltSite, type BuiltSite } from '../helpers/built-site.ts';
import { useTestDb } from '../helpers/harness.ts';
import { parseConfig } from '#src/server/config.ts';
import { ensureBuild } from '../helpers/site-process.ts';
import { fixedClock, testSecret } from '../helpers/test-api.ts';

const db = useTestDb();
const sites: BuiltSite[] = [];

beforeAll(async () => {
  await ensureBuild();
  await seedDemo(db.db, new Date('2026-11-20T04:00:00Z'));
}, 180_000);

afterAll(() => Promise.all(sites.map((s) => s.close())));

/** The site with this environment; answers its origin. */
async function site(
  env: Record<string, string> = {},
  now = new Date('2026-11-20T04:00:00Z'),
): Promise<string> {
  const built = await serveBuiltSite(db, fixedClock(now), env);
  sites.push(built);
  return built.base;
}

const footerOf = (html: string) => html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));

describe('the footer of a government site', () => {
  it('shows the website ID code, the filing numbers, the organiser and contact when configured', async () => {
    const base = await site({
      SITE_ID_CODE: '3204000001',
      ICP_FILING: '苏ICP备20260001号-1',
      PSB_FILING: '苏公网安备32040202000001号',
      SITE_ORGANISER: '中共澄川市委组织部',
      SITE_CONTACT: '0519-12380',
    });
    const footer = footerOf(await (await fetch(`${base}/receipt`)).text());
    expect(footer).toContain('网站标识码：3204000001');
    expect(footer).toContain('苏ICP备20260001号-1');
    expect(footer).toContain('code=32040202000001');
    expect(footer).toContain('主办单位：<span>中共澄川市委组织部</span>');
    expect(footer).toContain('联系方式：<span>0519-12380</span>');
    expect(footer).toContain('href="/privacy"');
  });

  it('leaves out what is not configured', async () => {
    const base = await site();
    const footer = footerOf(await (await fetch(`${base}/receipt`)).text());
    expect(footer).not.toContain('网站标识码');
    expect(footer).not.toContain('ICP');
    expect(footer).not.toContain('联系方式');
    expect(footer).toContain('href="/privacy"');
  });

  it('refuses a public-security filing without its number, naming the variable', () => {
    expect(() =>
      parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret, PSB_FILING: '公网安备' }),
    ).toThrow(/PSB_FILING: must contain the filing number/);
  });
});

describe('the privacy statement', () => {
  it('says what the device cookie is, what is hashed and for how long, in three languages', async () => {
    const base = await site();
    const zh = await (await fetch(`${base}/privacy?lang=zh-CN`)).text();
    expect(zh).toContain('<h1>隐私声明</h1>');
    expect(zh).toContain('voter');
    expect(zh).toContain('有效期 400 天');
    expect(zh).toContain('次日结束时销毁');
    expect(zh).toContain('监督人员');
    const tw = await (await fetch(`${base}/privacy?lang=zh-TW`)).text();
    expect(tw).toContain('<h1>隱私聲明</h1>');
    const en = await (await fetch(`${base}/privacy?lang=en`)).text();
    expect(en).toContain('<h1>Privacy statement</h1>');
    expect(en).toContain('lasts 400 days');
  });

  it('is linked from the ballot sheet and the report form', async () => {
    const base = await site();
    const list = await (await fetch(`${base}/campaigns/2026/tracks/cadres`)).text();
    expect(list.slice(list.indexOf('<dialog'))).toContain('href="/privacy"');
    // The report form is there during the notice's publicity period.
    const published = (await db.db.query.notice.findFirst())!;
    const during = await site({}, new Date(`${published.periodStart}T04:00:00Z`));
    const page = await (await fetch(`${during}/notices/${published.slug}`)).text();
    expect(page).toContain('data-report-form');
    expect(page).toContain('href="/privacy#reports"');
  });
});

describe('/favicon.ico', () => {
  it('answers with an icon', async () => {
    const base = await site();
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/icon/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });
});
