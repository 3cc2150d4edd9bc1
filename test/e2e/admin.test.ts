import { and, eq, inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { ballot, candidate, staffUser } from '#src/db/schema/index.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import { adminPages } from '#src/server/admin-access.ts';
import {
  staffRoles,
  type CampaignStage,
  type CandidateStatus,
  type StaffRole,
} from '#src/schemas/enums.ts';
import { castOverHttp } from '../helpers/bot-proof.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { launchBrowser, signInAs, staffApiSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

/** Staff work on laptops: 1280×800, Chinese. Confirmation dialogs are accepted. */
const signIn = (role: StaffRole, next = '/admin') => signInAs(browser, baseUrl, staff[role], next);

/** Beijing wall-clock time for a datetime-local input. */
function beijingInput(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

describe('admin pages: who may open what', () => {
  const examples: Record<string, string> = {
    '/admin': '/admin',
    '/admin/campaigns/new': '/admin/campaigns/new',
    '/admin/campaigns/x': '/admin/campaigns/2026',
    '/admin/campaigns/x/edit': '/admin/campaigns/2026/edit',
    '/admin/campaigns/x/candidates': '/admin/campaigns/2026/candidates',
    '/admin/campaigns/x/candidates/new': '/admin/campaigns/2026/candidates/new',
    '/admin/campaigns/x/import': '/admin/campaigns/2026/import',
    '/admin/campaigns/x/committee': '/admin/campaigns/2026/committee',
    '/admin/campaigns/x/monitor': '/admin/campaigns/2026/monitor',
    '/admin/candidates/1': '/admin/candidates/1',
    '/admin/audit': '/admin/audit',
    '/admin/accounts': '/admin/accounts',
    '/admin/campaigns/x/notice': '/admin/campaigns/2026/notice',
    '/admin/campaigns/x/decision': '/admin/campaigns/2025/decision',
    '/admin/reports': '/admin/reports',
    '/admin/conversion': '/admin/conversion',
    '/admin/password': '/admin/password',
    '/admin/second-factor': '/admin/second-factor',
    '/admin/campaigns/x/paper': '/admin/campaigns/2026/paper',
    '/admin/entry': '/admin/entry',
  };
  // A printed batch of its own, for the print page and the teller's entry page.
  beforeAll(async () => {
    const now = new Date();
    const c = await makeCampaign(handle.db, now, { slug: 'e2e-access-paper', year: 2017 });
    const t = await makeTrack(handle.db, c.id, { paperChannel: true });
    await makeCandidate(handle.db, t);
    const [editor] = await handle.db.select().from(staffUser).where(eq(staffUser.role, 'editor'));
    const batch = await registerBallotBatch(handle.db, {
      campaignSlug: c.slug,
      batch: {
        trackSlug: t.slug,
        channel: 'paper',
        label: '权限测试批次',
        destination: '收票点',
        ballotCount: 2,
      },
      actorId: editor!.id,
      now,
    });
    examples['/admin/campaigns/x/batches/1'] = `/admin/campaigns/${c.slug}/batches/${batch.id}`;
    examples['/admin/entry/1'] = `/admin/entry/${batch.id}`;
    examples['/admin/campaigns/x/batches/1/reconcile'] =
      `/admin/campaigns/${c.slug}/batches/${batch.id}/reconcile`;
  });
  // An example path answered by exactly this entry (the first that matches, as in the middleware).
  const pathFor = (pattern: RegExp) => {
    const example = Object.values(examples).find(
      (p) => adminPages.find((entry) => entry.path.test(p))?.path === pattern,
    );
    if (!example) throw new Error(`no example path for ${pattern}`);
    return example;
  };

  it('sends anonymous visitors of every admin page to the login form', async () => {
    for (const { path } of adminPages) {
      const res = await fetch(`${baseUrl}${pathFor(path)}`, { redirect: 'manual' });
      expect(res.status, pathFor(path)).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    }
  });

  it('opens each page for the roles it lists and refuses (403) every other role', async () => {
    for (const role of staffRoles) {
      const { cookie } = await staffApiSession(baseUrl, staff[role]);
      for (const { path, roles } of adminPages) {
        const res = await fetch(`${baseUrl}${pathFor(path)}`, {
          headers: { cookie },
          redirect: 'manual',
        });
        expect(res.status, `${role} ${pathFor(path)}`).toBe(roles.includes(role) ? 200 : 403);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-robots-tag')).toBe('noindex, nofollow');
      }
      const unknown = await fetch(`${baseUrl}/admin/nothing-here`, { headers: { cookie } });
      expect(unknown.status).toBe(404);
    }
  });
});

describe('an editor runs a campaign from nomination to the public vote', () => {
  // Each step on a campaign of its own, left as the steps before it leave one, and a page of its
  // own: any step runs alone.
  let context: BrowserContext;
  let page: Page;
  afterEach(() => context.close());
  const openAs = async (next = '/admin') => ({ context, page } = await signIn('editor', next));

  const units = [
    [
      '澄川市东河区应急管理局',
      '周立新',
      '局长',
      '东河区',
      '防汛救灾成效突出',
      '## 防汛\n\n连续三年零伤亡。',
    ],
    [
      '澄川市北岸街道办事处',
      '吴海平',
      '主任',
      '北岸区',
      '老旧小区改造走在前列',
      '## 改造\n\n完成 42 个小区改造。',
    ],
    [
      '澄川市西山镇人民政府',
      '陈静',
      '镇长',
      '西山区',
      '生态修复经验全省推广',
      '## 生态\n\n修复矿山 1,200 亩。<script>alert(1)</script>',
    ],
  ] as const;
  const header = 'name,headName,headTitle,district,summary,deeds';
  const good = units.map((u) => `${u.slice(0, 5).join(',')},"${u[5]}"`);

  /**
   * The campaign as the first step makes it (its units category, the vote from an hour ago for
   * a week) at `stage`, with the three units of the spreadsheet as `status` when given.
   */
  async function campaignAt(slug: string, stage: CampaignStage, status?: CandidateStatus) {
    const now = Date.now();
    const c = await makeCampaign(handle.db, new Date(now), {
      slug,
      year: 2019,
      title: '端到端测试评选',
      organiser: '中共澄川市委组织部',
      stage,
      voteOpensAt: new Date(now - 3600_000),
      voteClosesAt: new Date(now + 7 * 86400_000),
    });
    const t = await makeTrack(handle.db, c.id, {
      slug: 'units',
      kind: 'unit',
      name: '先进单位',
      quota: 2,
      maxPicks: 2,
    });
    if (status) {
      for (const [name, headName, headTitle, district, summary, deeds] of units) {
        await makeCandidate(handle.db, t, {
          status,
          name,
          headName,
          headTitle,
          district,
          summary,
          deeds,
        });
      }
    }
    return slug;
  }

  it('creates the campaign and its category', async () => {
    await openAs();
    await page.getByRole('link', { name: '新建评选活动' }).click();
    await page.getByLabel('网址标识').fill('e2e-import');
    // An older year, so the demo's 2026 campaign stays the one the home page leads with.
    await page.getByLabel('年度').fill('2019');
    await page.getByLabel('活动名称').fill('端到端测试评选');
    await page.getByLabel('主办单位（公示落款）').fill('中共澄川市委组织部');
    await page
      .getByLabel('投票开始（北京时间）')
      .fill(beijingInput(new Date(Date.now() - 3600_000)));
    await page
      .getByLabel('投票结束（北京时间）')
      .fill(beijingInput(new Date(Date.now() + 7 * 86400_000)));
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/admin\/campaigns\/e2e-import$/);
    const add = page.locator('form', { has: page.getByRole('button', { name: '添加类别' }) });
    await add.getByLabel('网址标识').fill('units');
    await add.getByLabel('类别名称').fill('先进单位');
    await add.getByLabel('名额').fill('2');
    await add.getByLabel('每票最多选').fill('2');
    await add.getByRole('button', { name: '添加类别' }).click();
    await page.getByRole('heading', { name: /先进单位/ }).waitFor();
  });

  it('imports a spreadsheet: the bad row is reported, nothing written, the fixed file goes in', async () => {
    await openAs(`/admin/campaigns/${await campaignAt('e2e-import-file', 'nomination')}`);
    await page.getByRole('link', { name: '批量导入' }).click();
    const bad = [header, good[0], '澄川市南湖区卫生健康局,,局长,南湖区,摘要,事迹', good[2]].join(
      '\n',
    );
    await page
      .getByLabel(/^文件/)
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    await page
      .locator('#import-form .form-status.is-error', { hasText: '没有导入任何内容' })
      .waitFor();
    const report = await page.locator('#import-errors').innerText();
    expect(report).toContain('3');
    expect(report).toMatch(/负责人|headName/);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);

    const fixed = [header, ...good].join('\n');
    await page
      .getByLabel(/^文件/)
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    await page.getByText('检查通过，可以导入。').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 3 个对象').waitFor();
  });

  it('shortlists them all and opens the public vote once the preconditions hold', async () => {
    const slug = await campaignAt('e2e-import-shortlist', 'nomination', 'nominated');
    await openAs(`/admin/campaigns/${slug}/import`);
    await page.getByRole('link', { name: '候选对象' }).click();
    await page.getByLabel('全选').check();
    await page.getByLabel('将所选对象改为').selectOption('shortlisted');
    await page.getByRole('button', { name: '更改状态' }).click();
    await page.locator('td .tag', { hasText: '已入围' }).first().waitFor();
    expect(await page.locator('td .tag', { hasText: '已入围' }).count()).toBe(3);

    // Shortlisted, but the list is published only when the vote opens; staff may preview it.
    const listUrl = `${baseUrl}/campaigns/${slug}/tracks/units`;
    for (const url of [listUrl, `${listUrl}?preview=1`]) {
      expect(await (await fetch(url)).text()).not.toContain('澄川市东河区应急管理局');
    }
    const preview = await context.newPage();
    await preview.goto(`${listUrl}?preview=1`);
    expect(await preview.locator('.card__name').allInnerTexts()).toHaveLength(3);
    expect(await preview.getByRole('note').innerText()).toContain('工作人员预览');
    await preview.close();

    await page.getByRole('link', { name: '活动与阶段' }).click();
    await page.getByRole('button', { name: '进入“初审入围”' }).click();
    await page.getByRole('button', { name: '进入“事迹展示与群众投票”' }).waitFor();
    await page.getByRole('button', { name: '进入“事迹展示与群众投票”' }).click();
    await page.getByRole('heading', { name: '进入下一阶段：二次入围' }).waitFor();
  });

  it('shows the candidates on the public site, with script in the deeds inert', async () => {
    const slug = await campaignAt('e2e-import-public', 'public_vote', 'shortlisted');
    await openAs(`/admin/campaigns/${slug}`);
    const pub = await context.newPage();
    await pub.goto(`${baseUrl}/campaigns/${slug}/tracks/units`);
    const names = await pub.locator('.card__name').allInnerTexts();
    expect(names).toEqual(
      expect.arrayContaining(['澄川市东河区应急管理局', '澄川市西山镇人民政府']),
    );
    let alerted = false;
    pub.on('dialog', (d) => {
      alerted = true;
      void d.dismiss();
    });
    await pub.getByRole('link', { name: '澄川市西山镇人民政府' }).first().click();
    await pub.getByText('修复矿山').waitFor();
    expect(await pub.locator('script', { hasText: 'alert(1)' }).count()).toBe(0);
    expect(await pub.content()).toContain('&lt;script&gt;');
    expect(alerted).toBe(false);
  });
});

describe('a monitor finds a burst and voids it', () => {
  const receipts: string[] = [];
  let targetName = '';

  beforeAll(async () => {
    const now = new Date();
    const c = await makeCampaign(handle.db, now, { slug: 'e2e-burst', year: 2019 });
    const t = await makeTrack(handle.db, c.id, { slug: 'people', ballotsPerAddressPerDay: 1000 });
    const target = await makeCandidate(handle.db, t, { name: '刷票目标' });
    const other = await makeCandidate(handle.db, t, { name: '其他候选人' });
    targetName = target.name;
    // Ordinary traffic first: a ballot a minute over the last half hour, so the burst has a
    // baseline to stand out from.
    for (let m = 30; m >= 1; m--) {
      await makeCountedBallot(handle.db, {
        campaignId: c.id,
        trackId: t.id,
        candidateIds: [m % 10 === 0 ? target.id : other.id],
        castAt: new Date(now.getTime() - m * 60_000),
      });
    }
    // All in one minute: start early in a minute so the burst does not straddle two.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    for (let i = 0; i < 12; i++) {
      const res = await castOverHttp(baseUrl, {
        campaign: 'e2e-burst',
        track: 'people',
        candidates: [target.id],
      });
      expect(res.status).toBe(201);
      receipts.push(((await res.json()) as { receipt: string }).receipt);
    }
  }, 90_000);

  it('sees the flagged minute with its evidence, previews and voids it; receipts say so', async () => {
    const { context, page } = await signIn('monitor', '/admin/campaigns/e2e-burst/monitor');
    const row = page.locator('tr', { hasText: targetName });
    await row.first().waitFor();
    expect(await page.getByRole('heading', { name: /被标记的时段（1）/ }).isVisible()).toBe(true);
    // The flagged minute's own action fills the conditions and previews them at once.
    await row.getByRole('button', { name: '作废这些选票…' }).click();
    await page.getByText('符合条件、将被作废的选票：12 张').waitFor();
    await page.getByLabel('说明（记入审计日志）').fill('同一分钟内 12 张新设备选票集中投给同一人');
    // Nothing is voided by the preview (other tests may have voided ballots of their own).
    expect(
      await handle.db.$count(
        ballot,
        and(eq(ballot.status, 'invalidated'), inArray(ballot.receipt, receipts)),
      ),
    ).toBe(0);
    await page.getByRole('button', { name: '作废符合条件的选票' }).click();
    await page.getByText('已作废 12 张选票，票数已相应扣减。').waitFor();
    await context.close();
    const res = await fetch(`${baseUrl}/api/receipts/${receipts[0]}`);
    expect(await res.json()).toMatchObject({ status: 'invalidated', reasonCategory: 'burst' });
    // The voter's receipt check says so, with the reason category and never the evidence.
    const html = await (await fetch(`${baseUrl}/receipt?code=${receipts[0]}`)).text();
    expect(html).toContain('这张选票已被认定无效');
    expect(html).toContain('认定原因：短时间内集中投票');
  });
});

describe('an admin records the committee vote', () => {
  const ids: number[] = [];

  beforeAll(async () => {
    const c = await makeCampaign(handle.db, new Date(), {
      slug: 'e2e-committee',
      year: 2019,
      stage: 'committee_vote',
    });
    const t = await makeTrack(handle.db, c.id, { slug: 'people', quota: 2, maxPicks: 2 });
    for (const name of ['甲', '乙', '丙', '丁']) {
      ids.push(
        (
          await makeCandidate(handle.db, t, {
            name: `委员会候选${name}`,
            status: 'second_shortlist',
          })
        ).id,
      );
    }
  });

  it('sets the rule, enters the votes, reads the outcome and confirms it', async () => {
    const { context, page } = await signIn('admin', '/admin/campaigns/e2e-committee/committee');
    await page.getByLabel('应到会人数').fill('9');
    // Saving reloads the page: wait for that load, not the current one, before typing on.
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: '保存规则' }).click(),
    ]);
    await page.getByLabel('实到会人数').waitFor();
    await page.getByLabel('实到会人数').fill('9');
    const votes: Record<string, [number, number, number]> = {
      甲: [8, 1, 0],
      乙: [6, 2, 1],
      丙: [5, 4, 0],
      丁: [3, 6, 0],
    };
    for (const [name, [f, a, s]] of Object.entries(votes)) {
      await page.getByLabel(`委员会候选${name} 赞成`).fill(String(f));
      await page.getByLabel(`委员会候选${name} 反对`).fill(String(a));
      await page.getByLabel(`委员会候选${name} 弃权`).fill(String(s));
    }
    await page.getByRole('button', { name: '保存并计算结果' }).click();
    await page.getByRole('button', { name: '确认本轮结果' }).waitFor();
    const outcome = (name: string) =>
      page
        .locator('tr', { hasText: `委员会候选${name}` })
        .first()
        .locator('.tag')
        .innerText();
    expect(await outcome('甲')).toBe('当选');
    expect(await outcome('乙')).toBe('当选');
    // 5 of 9 is more than half, but the two places are taken by more votes.
    expect(await outcome('丙')).toBe('未当选');
    expect(await outcome('丁')).toBe('未当选');
    expect(await page.locator('tr', { hasText: '委员会候选丁' }).first().innerText()).toContain(
      '不能当选',
    );
    await page.getByRole('button', { name: '确认本轮结果' }).click();
    await page.getByText(/已于 .* 确认/).waitFor();
    await context.close();
    const rows = await handle.db
      .select({ name: candidate.name, status: candidate.status })
      .from(candidate)
      .where(inArray(candidate.id, ids));
    expect(Object.fromEntries(rows.map((r) => [r.name, r.status]))).toEqual({
      委员会候选甲: 'elected',
      委员会候选乙: 'elected',
      委员会候选丙: 'not_elected',
      委员会候选丁: 'not_elected',
    });
  });
});
