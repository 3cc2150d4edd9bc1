import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { report } from '#src/db/schema/index.ts';
import { localDay } from '#src/domain/clock.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { axeViolations, describeViolations, smallTargets } from './axe-checks.ts';
import { reportOverHttp } from '../helpers/bot-proof.ts';
import { addDays, publishTestNotice, runningPeriod } from './notice-fixture.ts';
import { launchBrowser, phoneContext, signInAs, staffApiSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;
/** A notice published for these tests, its period running (runningPeriod). */
let open: { slug: string; entryName: string };

const publishNotice = (slug: string, periodStart: string, periodEnd: string) =>
  publishTestNotice(handle.db, baseUrl, slug, periodStart, periodEnd);

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
  const today = localDay(new Date(), 'Asia/Shanghai');
  open = await publishNotice(
    `e2e-report-${Date.now().toString(36)}`,
    runningPeriod(today).periodStart,
    runningPeriod(today).periodEnd,
  );
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

/** Staff work on laptops: 1280×800, Chinese; the tests answer dialogs themselves. */
const signIn = (role: StaffRole, next: string) =>
  signInAs(browser, baseUrl, staff[role], next, { acceptDialogs: false });

async function staffCookie(role: StaffRole): Promise<string> {
  return (await staffApiSession(baseUrl, staff[role])).cookie;
}

const words = `E2E 反映：${Date.now().toString(36)}，该同志2025年3月的验收材料与实际不符。`;

describe('a citizen reports a concern from a phone', () => {
  it('sends a report about an entry at 390×844 and is given a reference to keep', async () => {
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const res = await page.goto(`${baseUrl}/notices/${open.slug}`);
      expect(res?.status()).toBe(200);

      const section = page.locator('[data-report-section]');
      await expect
        .poll(() => section.getByRole('heading', { name: '反映问题' }).isVisible())
        .toBe(true);
      // The self-hosted check is explained; its widget is not loaded before sending.
      expect(await section.getByText('本站自建的人机验证').isVisible()).toBe(true);
      expect(await page.locator('altcha-widget').count()).toBe(0);
      expect(await section.getByText('提倡实名反映，便于核实和反馈').isVisible()).toBe(true);

      await section.getByLabel('反映对象').selectOption({ label: open.entryName });
      const content = section.getByLabel('反映内容');
      await content.fill(words);
      expect(await section.locator('[data-count]').textContent()).toBe(
        `已输入 ${[...words].length} / 1000 字`,
      );
      await section.getByLabel('姓名（选填）').fill('王五');
      await section.getByLabel('联系电话（选填）').fill('139 1234 5678');

      // Tap targets of at least 44 px.
      for (const control of [
        section.getByLabel('反映对象'),
        section.getByLabel('姓名（选填）'),
        section.getByLabel('联系电话（选填）'),
        section.getByRole('button', { name: '提交反映' }),
      ]) {
        expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      }

      await section.getByRole('button', { name: '提交反映' }).click();
      const code = section.locator('[data-reference]');
      await code.waitFor({ state: 'visible' });
      const reference = (await code.textContent()) ?? '';
      // The report went through the real widget, which solved a challenge in the page.
      expect(await page.locator('altcha-widget').count()).toBe(1);
      expect(reference).toMatch(/^JB-\d{4}-[2-9A-HJKMNP-TV-Z]{6}$/);
      expect(await section.getByRole('heading', { name: '已收到您的反映' }).isVisible()).toBe(true);
      // A check code of its own, shown once beside the reference, and where to use both.
      const checkCode = (await section.locator('[data-check-code]').textContent()) ?? '';
      expect(checkCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
      expect(await section.getByText('受理编号和查询码只显示这一次').isVisible()).toBe(true);
      const statusLinks = section.getByRole('link', { name: '查询办理情况' });
      // One in the acknowledgement, one under it for anyone who sent a report before.
      expect(await statusLinks.count()).toBe(2);
      expect(await statusLinks.first().getAttribute('href')).toBe('/reports/status');
      expect(await statusLinks.last().getAttribute('href')).toBe('/reports/status');
      // The form is cleared once the report is received, and hidden behind the acknowledgement.
      expect(await page.locator('[data-report-form]').isHidden()).toBe(true);
      expect(await page.locator('[data-report-form] textarea').inputValue()).toBe('');

      const row = await handle.db.query.report.findFirst({
        where: eq(report.reference, reference),
      });
      expect(row).toMatchObject({
        content: words,
        reporterName: '王五',
        reporterPhone: '139 1234 5678',
      });

      // The form is left out of the printed notice.
      await page.emulateMedia({ media: 'print' });
      expect(await section.isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the text when the connection fails, and says so', async () => {
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/notices/${open.slug}`);
      await page.route('**/api/notices/*/reports', (route) => route.abort('internetdisconnected'));
      const section = page.locator('[data-report-section]');
      await section.getByLabel('反映内容').fill('网络断开时的反映。');
      await section.getByRole('button', { name: '提交反映' }).click();
      const alert = section.locator('[data-error]');
      await alert.waitFor({ state: 'visible' });
      expect(await alert.textContent()).toBe(
        '网络连接失败，您填写的内容已保留，请检查网络后重试。',
      );
      expect(await section.getByLabel('反映内容').inputValue()).toBe('网络断开时的反映。');
    } finally {
      await context.close();
    }
  });

  it.each(['zh-CN', 'zh-TW', 'en'])(
    'passes axe (WCAG 2.2 A, AA) with the bot check on the report form in %s',
    async (lang) => {
      const context = await phoneContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/notices/${open.slug}?lang=${lang}`);
        // The send is answered in the browser: the widget mounts and solves, nothing is written.
        await page.route('**/api/notices/*/reports', (route) =>
          route.fulfill({
            status: 429,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'wait' } }),
          }),
        );
        const section = page.locator('[data-report-section]');
        await section.locator('textarea').fill('无障碍检查用的反映内容。');
        await section.locator('[data-submit]').click();
        await section.locator('[data-error]').waitFor({ state: 'visible' });
        await section.locator('altcha-widget').waitFor();
        expect(describeViolations(await axeViolations(page))).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('replaces the form with a clear message once the period has ended', async () => {
    const ended = await publishNotice(
      `e2e-ended-${Date.now().toString(36)}`,
      '2026-01-12',
      '2026-01-16',
    );
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/notices/${ended.slug}`);
      const section = page.locator('[data-report-section]');
      expect(await section.locator('[data-report-closed]').textContent()).toContain(
        '公示期为 2026年1月12日至2026年1月16日，现已结束，不再受理。',
      );
      expect(await section.locator('form').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

let reports = 0;

/**
 * A citizen's report about the entry of a notice of its own (published as `open` is), with a
 * name and a phone, sent over HTTP as the notice page sends it: each test of the supervisors'
 * part works on a report and a notice of its own.
 */
async function sendReport(): Promise<{ reference: string; checkCode: string; notice: string }> {
  const today = localDay(new Date(), 'Asia/Shanghai');
  const notice = await publishNotice(
    `e2e-report-${Date.now().toString(36)}${++reports}`,
    addDays(today, -2),
    addDays(today, 4),
  );
  const res = await reportOverHttp(baseUrl, notice.slug, {
    candidateId: notice.entryId,
    content: words,
    name: '王五',
    phone: '139 1234 5678',
  });
  expect(res.status).toBe(201);
  return {
    ...((await res.json()) as { reference: string; checkCode: string }),
    notice: notice.slug,
  };
}

describe('supervisors, and only they, read reports', () => {
  it('shows the report to a supervisor on /admin/reports', async () => {
    const { reference, notice } = await sendReport();
    expect(reference).not.toBe('');
    const { context, page } = await signIn('supervisor', '/admin/reports');
    try {
      const row = page.locator(`tr[data-report="${reference}"]`);
      expect(await row.isVisible()).toBe(true);
      const text = (await row.textContent()) ?? '';
      for (const expected of [reference, open.entryName, words, '王五', '139 1234 5678']) {
        expect(text).toContain(expected);
      }
      // Filtering by the notice keeps it; the read is in the audit log.
      await page.getByLabel('公示').selectOption(notice);
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/notice=/);
      expect(await page.locator('tbody tr').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('refuses an admin the page and the API (403)', async () => {
    const { reference } = await sendReport();
    const cookie = await staffCookie('admin');
    const pageRes = await fetch(`${baseUrl}/admin/reports`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(pageRes.status).toBe(403);
    expect(await pageRes.text()).not.toContain(reference);
    const apiRes = await fetch(`${baseUrl}/api/staff/reports`, { headers: { cookie } });
    expect(apiRes.status).toBe(403);
    expect((await apiRes.json()).error.code).toBe('forbidden');
  });
});

describe('a report worked through to its reply', () => {
  async function checkStatus(lang: string) {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/reports/status?lang=${lang}`);
    return { context, page };
  }

  it('shows the reporter on a phone that the report is received, with both codes only', async () => {
    const { reference, checkCode } = await sendReport();
    expect(checkCode).not.toBe('');
    const { context, page } = await checkStatus('zh-CN');
    try {
      expect(await page.getByRole('heading', { name: '反映办理查询' }).isVisible()).toBe(true);
      await page.getByLabel('受理编号').fill(reference.toLowerCase());
      await page.getByLabel('查询码').fill('22222222');
      await page.getByRole('button', { name: '查询' }).click();
      const error = page.locator('[data-status-error]');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toContain('受理编号或查询码不正确');

      await page.getByLabel('查询码').fill(checkCode.toLowerCase());
      await page.getByRole('button', { name: '查询' }).click();
      const result = page.locator('[data-status-result]');
      await result.waitFor({ state: 'visible' });
      const text = (await result.textContent()) ?? '';
      expect(text).toContain(`${reference} · 已收到，等待核实`);
      expect(text).toContain('关于拟命名对象的公示（反映测试）');
      // Never the report's own words or the reporter's details.
      expect(text).not.toContain('王五');
      expect(text).not.toContain('验收材料');
      expect(await error.isHidden()).toBe(true);
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the supervisor take it up and conclude it with a finding and a reply, at 1280×800', async () => {
    const { reference } = await sendReport();
    const { context, page } = await signIn('supervisor', '/admin/reports');
    try {
      const row = () => page.locator(`tr[data-report="${reference}"]`);
      await row().getByRole('button', { name: '开始核实' }).click();
      await page.waitForLoadState('load');
      await expect
        .poll(() => row().locator('[data-report-status]').getAttribute('data-report-status'))
        .toBe('verifying');
      await row().getByLabel('核实结论').selectOption({ label: '部分属实' });
      await row().getByLabel('处理情况（仅内部留存）').fill('调阅验收档案，约谈本人。');
      await row()
        .getByLabel('答复反映人（反映人可见）')
        .fill('经核实，反映的情况部分属实，已责成整改。感谢您的监督。');
      page.once('dialog', (dialog) => void dialog.accept());
      await row().getByRole('button', { name: '办结' }).click();
      await expect
        .poll(() => row().locator('[data-report-status]').getAttribute('data-report-status'))
        .toBe('concluded');
      expect(await row().textContent()).toContain('已办结');
      // The filter by status finds it among the concluded.
      await page.getByLabel('办理状态').selectOption({ label: '已办结' });
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/status=concluded/);
      expect(await row().isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('shows the reporter the finding and the reply, in English too, never what was done', async () => {
    // A report the supervisor concluded as on the page above, through the same API.
    const { reference, checkCode } = await sendReport();
    const row = await handle.db.query.report.findFirst({ where: eq(report.reference, reference) });
    const { cookie, csrfToken } = await staffApiSession(baseUrl, staff.supervisor);
    const headers = {
      'content-type': 'application/json',
      origin: baseUrl,
      cookie,
      'x-csrf-token': csrfToken,
    };
    const reports = `${baseUrl}/api/staff/reports/${row!.id}`;
    expect((await fetch(`${reports}/verifying`, { method: 'POST', headers })).status).toBe(200);
    const concluded = await fetch(`${reports}/conclusion`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        finding: 'partly_substantiated',
        actionTaken: '调阅验收档案，约谈本人。',
        reply: '经核实，反映的情况部分属实，已责成整改。感谢您的监督。',
      }),
    });
    expect(concluded.status).toBe(200);
    const { context, page } = await checkStatus('en');
    try {
      await page.getByLabel('Reference number').fill(reference);
      await page.getByLabel('Check code').fill(checkCode);
      await page.getByRole('button', { name: 'Check' }).click();
      const result = page.locator('[data-status-result]');
      await result.waitFor({ state: 'visible' });
      const text = (await result.textContent()) ?? '';
      expect(text).toContain(`${reference} · Concluded`);
      expect(text).toContain('Partly substantiated');
      expect(text).toContain('经核实，反映的情况部分属实，已责成整改。感谢您的监督。');
      expect(text).not.toContain('约谈本人');
    } finally {
      await context.close();
    }
  });
});
