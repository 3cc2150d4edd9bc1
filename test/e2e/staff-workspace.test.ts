import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { ballot, ballotPick, campaign, candidate, media, track } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '#src/domain/audit/record-audit-entry.ts';
import { countAwaitingReports } from '#src/domain/reports/count-awaiting-reports.ts';
import { createStaffUser } from '#src/domain/staff/create-staff-user.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { laptopContext, launchBrowser, signInAs } from './browser.ts';

/**
 * The traps staff fell into on a whole selection at 1280×800 (issue 15), each walked through in
 * the browser as staff would.
 */
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

async function laptop(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await laptopContext(browser);
  return { context, page: await context.newPage() };
}

/** Signs in through the login form; confirmation dialogs are accepted. */
const signIn = (role: StaffRole, next = '/admin') => signInAs(browser, baseUrl, staff[role], next);

describe('1. a new notice takes reports on its own page', () => {
  it('drafts the web channel as its own page and blocks publishing with another notice’s address', async () => {
    const c = await makeCampaign(handle.db, new Date(), {
      stage: 'publicity',
      year: 2026,
      slug: 'e2e-notice-web',
    });
    const t = await makeTrack(handle.db, c.id, { kind: 'individual', name: '好干部' });
    await makeCandidate(handle.db, t, { status: 'elected', name: '韦承远' });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}/notice`);
    await page.getByRole('button', { name: '生成公示草稿' }).click();
    await page.waitForSelector('#reportWeb');
    const own = `${baseUrl}/notices/${c.slug}-1`;
    expect(await page.locator('#reportWeb').inputValue()).toBe(own);

    // Last year's address pasted back in: the page says why publishing is blocked.
    await page.locator('#reportWeb').fill(`${baseUrl}/notices/2025-1`);
    await page.locator('#reportWeb').press('Enter');
    await page.waitForLoadState('load');
    await page.getByText('不是本公示的页面').first().waitFor();
    expect(await page.getByText('发布条件已满足').count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots/d1-notice.png', fullPage: false });
    await context.close();
  });
});

describe('2. voiding names whose ballots it touches before anything is voided', () => {
  it('voids by an address row after a preview naming candidates, picks candidates by number and name, refuses a short hash', async () => {
    const now = new Date();
    // An older year, so the demo's 2026 vote stays the one the home page leads with.
    const c = await makeCampaign(handle.db, now, { slug: 'e2e-void', year: 2019 });
    const units = await makeTrack(handle.db, c.id, { kind: 'unit', name: '好单位', position: 0 });
    const cadres = await makeTrack(handle.db, c.id, { name: '好干部', position: 1 });
    const unit = await makeCandidate(handle.db, units, { number: 1, name: '澄川市测绘局' });
    const cadre = await makeCandidate(handle.db, cadres, { number: 1, name: '顾明川' });
    const busy = createHash('sha256').update('e2e-void-address').digest('base64url');
    for (let i = 0; i < 9; i++) {
      await makeCountedBallot(handle.db, {
        campaignId: c.id,
        trackId: units.id,
        candidateIds: [unit.id],
        castAt: new Date(now.getTime() - 5 * 60_000 + i * 1000),
        addressHash: busy,
        addressSeq: i + 1,
      });
    }
    for (let i = 0; i < 3; i++) {
      await makeCountedBallot(handle.db, {
        campaignId: c.id,
        trackId: cadres.id,
        candidateIds: [cadre.id],
        castAt: new Date(now.getTime() - 4 * 60_000 + i * 1000),
      });
    }
    const { context, page } = await signIn('monitor', `/admin/campaigns/${c.slug}/monitor`);

    // Candidates are chosen by category, number and name; the category follows the candidate.
    const candidateSelect = page.locator('#v-candidate');
    await candidateSelect.selectOption({ label: '01号 顾明川' });
    expect(await page.locator('#v-track').inputValue()).toBe(cadres.slug);

    // A shortened hash is refused on its field rather than matching nothing.
    await candidateSelect.selectOption('');
    await page.locator('#v-track').selectOption('');
    await page.locator('#v-from').fill('2026-01-01T00:00');
    await page.locator('#v-to').fill('2026-01-02T00:00');
    await page.locator('#v-address').fill(busy.slice(0, 10));
    await page.getByRole('button', { name: '预览作废数量' }).click();
    await page.getByText('完整哈希').first().waitFor();
    expect(await page.locator('[data-void-commit]').isDisabled()).toBe(true);

    // The busiest address has its own action; the preview names the candidate and the count.
    const row = page.locator('#addresses ~ table tr', {
      has: page.locator(`code[title="${busy}"]`),
    });
    await row.getByRole('button', { name: '作废这些选票…' }).click();
    const preview = page.locator('[data-void-preview-result]');
    await preview.waitFor({ state: 'visible' });
    expect(await preview.locator('tbody tr').allInnerTexts()).toEqual([
      '好单位\t01号 澄川市测绘局\t9',
    ]);
    await page.screenshot({ path: '/tmp/shots/d2-void-preview.png', fullPage: true });
    await page.locator('#v-note').fill('同一地址五分钟内 9 票');
    const commit = page.locator('[data-void-commit]');
    expect(await commit.isDisabled()).toBe(false);
    await commit.click();
    await page.getByText('已作废 9 张选票').waitFor();
    const rows = await handle.db
      .select({ candidateId: ballotPick.candidateId, status: ballot.status })
      .from(ballot)
      .innerJoin(ballotPick, eq(ballotPick.ballotId, ballot.id))
      .where(eq(ballot.campaignId, c.id));
    expect(rows.filter((r) => r.status === 'invalidated').map((r) => r.candidateId)).toEqual(
      Array(9).fill(unit.id),
    );
    expect(
      rows.filter((r) => r.candidateId === cadre.id).every((r) => r.status === 'counted'),
    ).toBe(true);
    await context.close();
  });
});

describe('3. a refused login says why', () => {
  it('shows the wrong-password message and then the wait, keeping what was typed', async () => {
    const { context, page } = await laptop();
    await page.goto(`${baseUrl}/admin/login?next=%2Fadmin%2Faudit`);
    const email = 'nobody-here@e2e.example.cn';
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill('not-the-password');
    const status = page.locator('form .form-status');
    // Other files' failed logins from this address may already have started the wait: then
    // the wait is what the form says from the first attempt.
    const wrong = /邮箱或密码不正确。/;
    const wait = /失败次数过多，请 \d+ 分钟后再试/;
    await page.getByRole('button', { name: '登录' }).click();
    await expect
      .poll(() => status.innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`${wrong.source}|${wait.source}`));
    expect(page.url()).toBe(`${baseUrl}/admin/login?next=%2Fadmin%2Faudit`);
    expect(await page.getByLabel('邮箱').inputValue()).toBe(email);
    expect(await status.getAttribute('class')).toContain('is-error');
    // After five failures from here the form says how long to wait.
    for (let i = 0; i < 6 && !wait.test(await status.innerText()); i++) {
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/staff/session')),
        page.getByRole('button', { name: '登录' }).click(),
      ]);
    }
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(wait);
    await page.screenshot({ path: '/tmp/shots/d3-login.png' });
    expect(page.url()).toBe(`${baseUrl}/admin/login?next=%2Fadmin%2Faudit`);
    await context.close();
  });
});

describe('4. moving into the public stage says what becomes public and when', () => {
  it('names the list and the vote times in the confirmation, and the home page keeps the open vote', async () => {
    const now = new Date();
    const year = 365 * 86_400_000;
    const c = await makeCampaign(handle.db, now, {
      slug: 'e2e-next-year',
      year: 2099,
      title: '2099年度提前公开评选',
      stage: 'review',
      voteOpensAt: new Date(now.getTime() + year),
      voteClosesAt: new Date(now.getTime() + year + 7 * 86_400_000),
    });
    const t = await makeTrack(handle.db, c.id, { quota: 1, maxPicks: 1 });
    await makeCandidate(handle.db, t, { name: '甲' });
    await makeCandidate(handle.db, t, { name: '乙' });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}`);
    const messages: string[] = [];
    page.on('dialog', (d) => void messages.push(d.message()));
    await page.getByText('确认后立即公开').waitFor();
    await page.screenshot({ path: '/tmp/shots/d4-stage.png' });
    await page.getByRole('button', { name: '进入“事迹展示与群众投票”' }).click();
    await page.waitForLoadState('load');
    await page.getByText('进入下一阶段：二次入围').waitFor();
    expect(messages[0]).toContain('已入围的 2 个候选对象的名单、照片和事迹');
    expect(messages[0]).toContain('不会等到投票开始');
    expect(messages[0]).toMatch(/投票还有 36\d 天才开始/);

    // The home page still leads with a campaign whose vote is open, and next year's is not 往届.
    await page.goto(`${baseUrl}/`);
    const hero = (await page.locator('h1').innerText()).trim();
    expect(hero).not.toBe('2099年度提前公开评选');
    const earlier = page.locator('#earlier-title + ul');
    expect(await earlier.innerText()).not.toContain('2099');
    expect(await page.locator('#alongside-title + ul').innerText()).toContain(
      '2099年度提前公开评选',
    );
    await context.close();
  });
});

describe('5. a bulk status change skips those already there', () => {
  it('shortlists the rest and names the one already shortlisted', async () => {
    const c = await makeCampaign(handle.db, new Date(), { slug: 'e2e-bulk', stage: 'review' });
    const t = await makeTrack(handle.db, c.id, { name: '好干部' });
    for (const name of ['钱一', '钱二', '钱三']) {
      await makeCandidate(handle.db, t, { status: 'nominated', name });
    }
    await makeCandidate(handle.db, t, { status: 'shortlisted', name: '钱已入' });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}/candidates`);
    await page.locator('#select-all').check();
    await page.locator('#bulk-to').selectOption({ label: '已入围' });
    await page.getByRole('button', { name: '更改状态' }).click();
    await page
      .getByText('已将 3 个对象改为“已入围”。1 个原已是“已入围”，未改动：钱已入。')
      .waitFor();
    await page.screenshot({ path: '/tmp/shots/d5-bulk.png' });
    expect(await page.locator('tbody .tag', { hasText: '已入围' }).count()).toBe(4);
    await context.close();
  });
});

describe('6. errors say in staff Chinese what to change, on the field', () => {
  it('explains a pick rule on its field, takes 1982.06 for a month, and leads an import report with its cause', async () => {
    const c = await makeCampaign(handle.db, new Date(), {
      slug: 'e2e-errors',
      stage: 'nomination',
    });
    const units = await makeTrack(handle.db, c.id, {
      slug: 'units',
      kind: 'unit',
      name: '好单位',
      quota: 3,
      maxPicks: 3,
    });
    await makeTrack(handle.db, c.id, { slug: 'cadres', name: '好干部', quota: 3, maxPicks: 3 });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}`);

    // The pick rule, on the field to change.
    const form = page.locator('form', { has: page.locator(`#t-${units.slug}-maxPicks`) });
    await form.locator(`#t-${units.slug}-maxPicks`).fill('5');
    await form.getByRole('button', { name: /保存/ }).click();
    const onField = form.locator(`#t-${units.slug}-maxPicks ~ .field-error`);
    await onField.waitFor();
    expect(await onField.innerText()).toContain('“每票最多选”不能多于名额 3');
    expect(await page.getByText('minPicks').count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots/d6-track.png' });

    // A cadre form's 1982.06 is a month.
    await page.goto(`${baseUrl}/admin/campaigns/${c.slug}/candidates/new?track=cadres`);
    const fields: Record<string, string> = {
      姓名: '袁立平',
      工作单位: '澄川市应急管理局',
      民族: '汉族',
      出生年月: '1982.06',
      籍贯: '江苏澄川',
      政治面貌: '中共党员',
      参加工作时间: '2004年7月',
      学历: '大学',
      现任职务: '澄川市应急管理局副局长',
    };
    for (const [label, value] of Object.entries(fields)) {
      await page.getByLabel(label, { exact: false }).first().fill(value);
    }
    await page.getByLabel('性别').selectOption('男');
    await page.getByRole('button', { name: '创建候选对象' }).click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    expect(await page.locator('#f-birth').inputValue()).toBe('1982-06');
    expect(await page.locator('#f-workStarted').inputValue()).toBe('2004-07');

    // A cadre sheet sent to the units' category: the cause first, in the error style.
    await page.goto(`${baseUrl}/admin/campaigns/${c.slug}/import`);
    await page.locator('#import-track').selectOption('units');
    const sheet = [
      '姓名,性别,民族,出生年月,籍贯,政治面貌,参加工作时间,学历,工作单位,现任职务',
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `干部${i},男,汉族,1980.0${i + 1},江苏澄川,中共党员,2002.07,大学,澄川市某局,副局长`,
      ),
    ].join('\n');
    await page
      .getByLabel(/^文件/)
      .setInputFiles({ name: 'cadres.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    const status = page.locator('#import-form .form-status');
    await status.waitFor();
    expect(await status.getAttribute('class')).toContain('is-error');
    expect(await status.innerText()).toMatch(/^这份文件是个人类别的格式/);
    expect(await page.locator('#import-errors tbody tr').count()).toBe(1);
    await page.screenshot({ path: '/tmp/shots/d6-import.png' });
    await context.close();
  });
});

describe('7. the audit log reads in staff words', () => {
  it('filters by pick lists and shows labels, names, a before/after table and Beijing time in page and CSV', async () => {
    const c = await makeCampaign(handle.db, new Date(), { slug: 'e2e-audit', stage: 'review' });
    const t = await makeTrack(handle.db, c.id, { name: '好干部' });
    const who = await makeCandidate(handle.db, t, { status: 'shortlisted', name: '韩审计' });
    const at = new Date('2026-03-02T01:30:00Z'); // 09:30 in Beijing
    await recordAuditEntry(
      handle.db,
      { actorId: null, now: at },
      {
        action: 'candidate.status_change',
        entityType: 'candidate',
        entityId: who.id,
        before: { status: 'nominated' },
        after: { status: 'shortlisted', note: '初审会议通过' },
      },
    );
    const { context, page } = await signIn('auditor', '/admin/audit');
    await page.locator('#action').selectOption({ label: '变更候选对象状态' });
    await page.locator('#entityType').selectOption({ label: '候选对象' });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/action=candidate.status_change/);
    const row = page.locator('table.data > tbody > tr', { hasText: '韩审计' });
    expect(await row.innerText()).toContain('2026-03-02 09:30:00');
    expect(await row.innerText()).toContain('变更候选对象状态');
    expect(await row.innerText()).toContain(`韩审计（${String(who.number).padStart(2, '0')}号）`);
    const changes = await row.locator('table.changes tbody tr').allInnerTexts();
    expect(changes).toEqual(['状态\t已推荐\t已入围', '说明\t—\t初审会议通过']);
    await page.screenshot({ path: '/tmp/shots/d7-audit.png' });

    const href = await page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    const csv = await (await page.request.get(`${baseUrl}${href}`)).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('时间（北京时间 UTC+8）');
    const line = lines.find((l) => l.includes('韩审计'))!;
    expect(line).toContain('2026-03-02 09:30:00');
    expect(line).toContain('状态：已推荐 → 已入围');
    await context.close();
  });
});

describe('8. staff change their own password', () => {
  it('prompts an account whose password an admin set, changes it with the current one and ends other sessions', async () => {
    const email = 'new.colleague@e2e.example.cn';
    const first = 'admin-chose-this-1';
    await createStaffUser(handle.db, {
      email,
      displayName: '新同事',
      // A role without a required second factor: this test is about the password.
      role: 'auditor',
      password: first,
      actorId: null,
      now: new Date(),
    });
    const logIn = async () => {
      const { context, page } = await laptop();
      await page.goto(`${baseUrl}/admin/login`);
      await page.getByLabel('邮箱').fill(email);
      await page.getByLabel('密码').fill(first);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${baseUrl}/admin`);
      return { context, page };
    };
    const other = await logIn();
    const { context, page } = await logIn();
    await page.getByText('您的密码是由管理员设定的').waitFor();
    await page.screenshot({ path: '/tmp/shots/d8-prompt.png' });
    await page.locator('main').getByRole('link', { name: '修改密码' }).click();
    await page.waitForURL(`${baseUrl}/admin/password`);
    await page.getByLabel('当前密码').fill('not-the-one-at-all');
    await page.getByLabel('新密码').fill('只有我知道的一句话 2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('当前密码不正确').waitFor();
    expect(page.url()).toBe(`${baseUrl}/admin/password`);
    await page.getByLabel('当前密码').fill(first);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL(`${baseUrl}/admin`);
    expect(await page.getByText('您的密码是由管理员设定的').count()).toBe(0);
    // The other browser's session has ended.
    await other.page.reload();
    await other.page.waitForURL(/\/admin\/login/);
    await other.context.close();
    await context.close();
  });
});

describe('9. the monitor page ranks each track in full and does not alarm over the demo', () => {
  it('lists every candidate of each track and shows the demo’s networks spread out', async () => {
    const from = new Date(Date.now() - 14 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 16);
    const { context, page } = await signIn('monitor', `/admin/campaigns/2026/monitor?from=${from}`);
    const rankings = page.locator('section[aria-labelledby^="per-candidate-"]');
    expect(await rankings.count()).toBe(2);
    for (const section of await rankings.all()) {
      const said = /共 (\d+) 名，全部列出/.exec(await section.innerText());
      expect(said).not.toBeNull();
      expect(await section.locator('tbody tr').count()).toBe(Number(said![1]));
    }
    const headings = await rankings.locator('h2').allInnerTexts();
    expect(headings.join()).toContain('担当作为好干部');
    expect(headings.join()).toContain('担当作为好单位');
    const top = await page
      .locator('#networks ~ table tbody tr')
      .first()
      .locator('td.num')
      .nth(1)
      .innerText();
    expect(Number.parseInt(top, 10)).toBeLessThan(10);
    await page.screenshot({ path: '/tmp/shots/d9-monitor.png', fullPage: true });
    await context.close();
  });
});

describe('10. the demo shows every stage', () => {
  it('has the 2025 committee record, a notice in its period with a report form, and reports for the supervisor', async () => {
    const editor = await signIn('editor', '/admin/campaigns/2025/committee');
    const places = await editor.page.getByText(/名额 \d+，已确定当选 \d+/).allInnerTexts();
    expect(places.length).toBe(2);
    for (const line of places) {
      const [, quota, filled] = /名额 (\d+)，已确定当选 (\d+)/.exec(line)!;
      expect(filled).toBe(quota);
    }
    await editor.page.screenshot({ path: '/tmp/shots/d10-committee.png' });
    await editor.context.close();

    // The notice in its period takes reports on its own page.
    const { context: reader, page: notice } = await laptop();
    await notice.goto(`${baseUrl}/notices/2026-flood-1`);
    expect(await notice.locator('[data-report-section] form').count()).toBe(1);
    await reader.close();

    const supervisor = await signIn('supervisor', '/admin/reports');
    const option = await supervisor.page
      .locator('#notice option', { hasText: '防汛抗台' })
      .innerText();
    expect(option).toMatch(/（[3-9] 条）/);
    await supervisor.context.close();
  });
});

describe('tools: pick lists for 所属地区 and 所属领域', () => {
  it('sets the lists on the campaign and offers them as choices on the candidate form', async () => {
    const c = await makeCampaign(handle.db, new Date(), { slug: 'e2e-lists', stage: 'nomination' });
    await makeTrack(handle.db, c.id, { slug: 'units', kind: 'unit', name: '好单位' });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}/edit`);
    await page.getByLabel('所属地区（每行一个）').fill('望潮区\n鹭洲区\n青桥区');
    await page.getByLabel('所属领域（每行一个）').fill('乡镇街道\n城乡建设');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));

    await page.goto(`${baseUrl}/admin/campaigns/${c.slug}/candidates/new?track=units`);
    const district = page.locator('#f-district');
    expect(await district.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await district.locator('option').allInnerTexts()).toEqual([
      '请选择',
      '望潮区',
      '鹭洲区',
      '青桥区',
    ]);
    await page.locator('#f-name').fill('澄川市青桥区城市管理局');
    await page.locator('#f-headName').fill('蒋思源');
    await page.locator('#f-headTitle').fill('局长');
    await district.selectOption('青桥区');
    await page.locator('#f-sector').selectOption('城乡建设');
    await page.screenshot({ path: '/tmp/shots/t-lists.png' });
    await page.getByRole('button', { name: '创建候选对象' }).click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    expect(await page.locator('#f-district').inputValue()).toBe('青桥区');
    await context.close();
  });
});

describe('tools: warnings before a list goes public', () => {
  it('lists shortlisted candidates without a photo or with placeholder deeds on the stage move', async () => {
    const now = new Date();
    const c = await makeCampaign(handle.db, now, {
      slug: 'e2e-warnings',
      stage: 'review',
      voteOpensAt: new Date(now.getTime() + 86_400_000),
      voteClosesAt: new Date(now.getTime() + 8 * 86_400_000),
    });
    const t = await makeTrack(handle.db, c.id, { name: '好干部', quota: 1, maxPicks: 1 });
    await makeCandidate(handle.db, t, { name: '尹占位', deeds: '测试事迹' });
    await makeCandidate(handle.db, t, {
      name: '尹完整',
      deeds: '这是一段足够长的事迹。'.repeat(12),
    });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}`);
    const box = page.locator('section.notice-warn');
    await box.waitFor();
    const items = await box.locator('li').allInnerTexts();
    expect(items.find((t) => t.includes('尹占位'))).toMatch(/没有照片；事迹只有 4 个字/);
    expect(items.find((t) => t.includes('尹完整'))).toMatch(/没有照片$/);
    const messages: string[] = [];
    page.on('dialog', (d) => void messages.push(d.message()));
    await page.screenshot({ path: '/tmp/shots/t-warnings.png' });
    await page.getByRole('button', { name: '进入“事迹展示与群众投票”' }).click();
    await page.getByText('进入下一阶段：二次入围').waitFor();
    expect(messages[0]).toContain('其中 2 个对象没有照片或事迹像是占位文字');
    await context.close();
  });
});

describe('tools: a dashboard that answers “how is the vote going”', () => {
  it('shows per track ballots today, the last hour and in all, open flags and reports waiting', async () => {
    const { context, page } = await signIn('monitor', '/admin');
    const section = page.locator('section', {
      hasText: '投票进展：2026年度澄川市担当作为好单位、好干部评选',
    });
    await section.waitFor();
    const c = await handle.db.query.campaign.findFirst({ where: eq(campaign.slug, '2026') });
    const rows = await section.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    const tracks = await handle.db.select().from(track).where(eq(track.campaignId, c!.id));
    for (const t of tracks) {
      const total = await handle.db.$count(
        ballot,
        and(eq(ballot.trackId, t.id), eq(ballot.status, 'counted')),
      );
      const line = rows.find((r) => r.startsWith(t.name))!;
      expect(line).toMatch(/\d+ 张\t\d+ 张\/小时\t\d+ 张$/);
      expect(line.endsWith(`\t${total} 张`)).toBe(true);
    }
    expect(await section.innerText()).toMatch(
      /最近 24 小时(没有被标记的集中投票|有 \d+ 个被标记的时段)/,
    );
    const waiting = await countAwaitingReports(handle.db);
    expect(await page.locator('[data-awaiting-reports]').innerText()).toContain(
      waiting === 0 ? '没有待监督员查看的反映' : `${waiting} 条待监督员查看`,
    );
    await page.screenshot({ path: '/tmp/shots/t-dashboard.png' });
    await context.close();
  });
});

describe('tools: photos at creation, with a crop control', () => {
  it('crops the chosen photo to 3:4 on the new-candidate form and stores it with the candidate', async () => {
    const c = await makeCampaign(handle.db, new Date(), { slug: 'e2e-photo', stage: 'nomination' });
    await makeTrack(handle.db, c.id, { slug: 'units', kind: 'unit', name: '好单位' });
    const { context, page } = await signIn(
      'editor',
      `/admin/campaigns/${c.slug}/candidates/new?track=units`,
    );
    // A landscape picture: the frame shows a 3:4 part of it.
    const picture = await sharp({
      create: { width: 800, height: 500, channels: 3, background: { r: 30, g: 90, b: 160 } },
    })
      .png()
      .toBuffer();
    await page.locator('#new-portrait').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: picture,
    });
    await page.locator('[data-crop-controls]').waitFor();
    await page.locator('[data-crop="zoom"]').fill('150');
    await page.locator('[data-crop="x"]').fill('20');
    await page.locator('#f-name').fill('澄川市某某街道');
    await page.locator('#f-headName').fill('许某');
    await page.locator('#f-headTitle').fill('党工委书记');
    await page.screenshot({ path: '/tmp/shots/t-photo.png' });
    await page.getByRole('button', { name: '创建候选对象' }).click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    await page.getByText('候选对象已创建，照片已上传。').waitFor();
    const id = Number(/\/(\d+)$/.exec(page.url())![1]);
    const row = await handle.db.query.candidate.findFirst({ where: eq(candidate.id, id) });
    expect(row!.portraitId).toMatch(/^[0-9a-f]{64}$/);
    const image = await handle.db.query.media.findFirst({ where: eq(media.id, row!.portraitId!) });
    expect(image!.width * 4).toBe(image!.height * 3);

    // Replacing it on the candidate's page uses the same crop control.
    const other = await sharp({
      create: { width: 500, height: 900, channels: 3, background: { r: 160, g: 60, b: 40 } },
    })
      .png()
      .toBuffer();
    await page.locator('#portrait-file').setInputFiles({
      name: 'other.png',
      mimeType: 'image/png',
      buffer: other,
    });
    await page.locator('#portrait-form [data-crop-controls]').waitFor();
    await page.locator('#portrait-form [data-crop="y"]').fill('80');
    await page.locator('#portrait-form').getByRole('button', { name: '上传', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await handle.db.query.candidate.findFirst({ where: eq(candidate.id, id) }))!.portraitId,
      )
      .not.toBe(row!.portraitId);
    await context.close();
  });
});
