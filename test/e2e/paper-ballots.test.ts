import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { paperEntry, paperResolution, staffUser } from '#src/db/schema/index.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { enterPaperBallot } from '#src/domain/paper/enter-paper-ballot.ts';
import { finishBatchPass } from '#src/domain/paper/finish-batch-pass.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import { makeStaffUser } from '../helpers/staff.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { launchBrowser, signInAs } from './browser.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;
let batchId: number;
let firstSerial: number;
let numbers: number[];
let register: (label: string) => Promise<{ id: number; firstSerial: number }>;

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
  const db = handle.db;
  // A vote of its own, open now, whose track takes paper ballots (the demo's rules are frozen).
  const now = new Date();
  const c = await makeCampaign(db, now, { slug: 'e2e-paper', year: 2018 });
  const t = await makeTrack(db, c.id, { paperChannel: true, maxPicks: 2, kind: 'unit' });
  numbers = [];
  for (let i = 0; i < 4; i++) numbers.push((await makeCandidate(db, t)).number);
  const [editor] = await db.select().from(staffUser).where(eq(staffUser.role, 'editor'));
  register = (label) =>
    registerBallotBatch(db, {
      campaignSlug: c.slug,
      batch: {
        trackSlug: t.slug,
        channel: 'paper',
        label,
        destination: '市民服务中心收票箱',
        ballotCount: 10,
      },
      actorId: editor!.id,
      now,
    });
  const batch = await register('端到端测试批次');
  batchId = batch.id;
  firstSerial = batch.firstSerial;
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

describe('a teller enters a batch by keyboard alone', () => {
  it('types serial, Enter, picks, Enter for each ballot; a typo and an invalid ballot are handled', async () => {
    const { context, page } = await signInAs(
      browser,
      baseUrl,
      staff.teller,
      `/admin/entry/${batchId}`,
    );
    const serial = page.getByLabel('选票编号');
    await expect.poll(() => serial.evaluate((el) => el === document.activeElement)).toBe(true);
    const status = page.locator('[data-entry-status]');
    const type = async (text: string) => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };
    // One valid ballot.
    await type(formatSerial(firstSerial));
    await type(`${numbers[0]} ${numbers[2]}`);
    await expect.poll(() => status.textContent()).toMatch(/已录入 .*（有效）/);
    // A serial with a wrong check digit is caught before it is sent; the teller types it again.
    const good = formatSerial(firstSerial + 1);
    const typo = `${good.slice(0, 7)}${(Number(good[7]) + 1) % 10}`;
    await type(typo);
    await expect.poll(() => status.textContent()).toMatch(/校验位不符/);
    await page.keyboard.press('Control+A');
    await type(good);
    // Too many picks: recorded as invalid, with its reason.
    await type(`${numbers[0]} ${numbers[1]} ${numbers[3]}`);
    await expect.poll(() => status.textContent()).toMatch(/无效：多选/);
    // Unreadable, and none.
    await type(formatSerial(firstSerial + 2));
    await type('*');
    await expect.poll(() => status.textContent()).toMatch(/无效：无法辨认/);
    await type(formatSerial(firstSerial + 3));
    await type('0');
    await expect.poll(() => status.textContent()).toMatch(/无效：未选/);
    // The same serial again is refused; Ctrl+Enter corrects it.
    await type(formatSerial(firstSerial));
    await type(`${numbers[1]}`);
    await expect.poll(() => status.textContent()).toMatch(/已经录入过/);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => status.textContent()).toMatch(/已更正/);
    await page.screenshot({ path: 'test-results/e2e-teller-entry-1280.png', fullPage: true });
    const current = await handle.db
      .select()
      .from(paperEntry)
      .where(and(eq(paperEntry.batchId, batchId), isNull(paperEntry.replacedAt)));
    expect(current.map((r) => [r.serial - firstSerial, r.picks, r.invalidReason]).sort()).toEqual([
      [0, `[${numbers[1]}]`, null],
      [1, JSON.stringify([numbers[0], numbers[1], numbers[3]]), 'too_many'],
      [2, '[]', 'unreadable'],
      [3, '[]', 'none'],
    ]);
    expect(await page.locator('[data-entries] tbody tr').count()).toBe(5);
    await context.close();
  });
});

describe('an admin reconciles the two passes of a batch', () => {
  it('sees the one ballot the passes read differently and settles it from the paper', async () => {
    const db = handle.db;
    const batch = await register('核对测试批次');
    const [first] = await db.select().from(staffUser).where(eq(staffUser.role, 'teller'));
    const second = await makeStaffUser(db, { role: 'teller' });
    const now = new Date();
    const serial = (i: number) => formatSerial(batch.firstSerial + i);
    const readings: [number, number, number[]][] = [
      [first!.id, 0, [numbers[0]!]],
      [first!.id, 1, [numbers[1]!, numbers[2]!]],
      [second.id, 0, [numbers[0]!]],
      [second.id, 1, [numbers[1]!, numbers[3]!]],
    ];
    for (const [tellerId, i, picks] of readings) {
      await enterPaperBallot(db, {
        batchId: batch.id,
        entry: { serial: serial(i), picks, unreadable: false, correction: false },
        tellerId,
        now,
      });
    }
    for (const tellerId of [first!.id, second.id]) {
      await finishBatchPass(db, { batchId: batch.id, tellerId, now });
    }
    const { context, page } = await signInAs(
      browser,
      baseUrl,
      staff.admin,
      `/admin/campaigns/e2e-paper/batches/${batch.id}/reconcile`,
    );
    await page.getByText('两遍录入有 1 处不一致').waitFor();
    const row = page.locator(`tr[data-serial="${serial(1)}"]`);
    expect(await page.locator('tr[data-serial]').count()).toBe(1);
    await page.screenshot({ path: 'test-results/e2e-reconcile-before-1280.png', fullPage: true });
    await row.getByRole('button', { name: '采用第二遍' }).click();
    await page.getByText('两遍录入一致或差异已全部核定').waitFor();
    await expect
      .poll(() =>
        page
          .locator(`tr[data-serial="${serial(1)}"] td`)
          .last()
          .textContent(),
      )
      .toMatch(/0?\d+号、0?\d+号/);
    await page.screenshot({ path: 'test-results/e2e-reconcile-after-1280.png', fullPage: true });
    const [resolution] = await db
      .select()
      .from(paperResolution)
      .where(eq(paperResolution.batchId, batch.id));
    expect(JSON.parse(resolution!.picks!)).toEqual([numbers[1], numbers[3]]);
    await context.close();
  });
});
