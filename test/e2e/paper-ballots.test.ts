import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.ts';
import { paperEntry, staffUser } from '../../src/db/schema/index.ts';
import { formatSerial } from '../../src/domain/paper/compute-check-digit.ts';
import { registerBallotBatch } from '../../src/domain/paper/register-ballot-batch.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { launchBrowser, signInAs } from './browser.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;
let batchId: number;
let firstSerial: number;
let numbers: number[];

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
  const batch = await registerBallotBatch(db, {
    campaignSlug: c.slug,
    batch: {
      trackSlug: t.slug,
      channel: 'paper',
      label: '端到端测试批次',
      destination: '市民服务中心收票箱',
      ballotCount: 10,
    },
    actorId: editor!.id,
    now,
  });
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
