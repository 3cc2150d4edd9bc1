import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, paperEntry, resultCertificate, tallySheet } from '#src/db/schema/index.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { certifyAsMonitor } from '../helpers/staff.ts';
import { fixedClock } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, {
  teller1: 'teller',
  teller2: 'teller',
  teller3: 'teller',
  editor: 'editor',
});
type Who = Parameters<typeof staff.as>[0];

const send = (who: Who, path: string, body: unknown) => staff.send(who, 'POST', path, body);

async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (e) {
    return String((e as { cause?: unknown }).cause ?? e);
  }
  return 'accepted';
}

/** A track with paper and on-site channels, 4 shortlisted candidates and one withdrawn. */
async function setUp(overrides: Parameters<typeof makeCampaign>[2] = {}, minPicks = 1) {
  const c = await makeCampaign(db.db, now, overrides);
  const t = await makeTrack(db.db, c.id, {
    paperChannel: true,
    onsiteChannel: true,
    maxPicks: 2,
    minPicks,
  });
  const candidates = [];
  for (let i = 0; i < 4; i++) candidates.push(await makeCandidate(db.db, t));
  const withdrawn = await makeCandidate(db.db, t, { status: 'withdrawn' });
  const register = (channel: 'paper' | 'onsite', ballotCount = 20) =>
    registerBallotBatch(db.db, {
      campaignSlug: c.slug,
      batch: {
        trackSlug: t.slug,
        channel,
        label: `批次${channel}`,
        destination: '收票点',
        ballotCount,
      },
      actorId: staff.as('editor').id,
      now,
    });
  const paper = await register('paper');
  const onsite = await register('onsite', 100);
  const serial = (i: number) => formatSerial(paper.firstSerial + i);
  return { campaign: c, track: t, candidates, withdrawn, paper, onsite, serial };
}

const enter = (who: Who, batchId: number, body: Record<string, unknown>) =>
  send(who, `/api/staff/batches/${batchId}/entries`, { picks: [], ...body });

describe('a teller enters paper ballots by serial and picks', () => {
  it('records a valid ballot in the teller’s pass, audited', async () => {
    const { paper, candidates, serial } = await setUp();
    const res = await enter('teller1', paper.id, {
      serial: serial(0),
      picks: [candidates[2]!.number, candidates[0]!.number],
    });
    expect(res.status).toBe(201);
    const { entry } = await res.json();
    expect(entry).toMatchObject({
      pass: 1,
      serial: serial(0),
      picks: [candidates[0]!.number, candidates[2]!.number],
      invalidReason: null,
    });
    const audited = await db.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'paper_entry.enter'), eq(auditLog.entityId, String(paper.id))),
      );
    expect(audited).toHaveLength(1);
  });

  it('refuses malformed serials, wrong check digits, unknown ranges and other batches', async () => {
    const { paper, onsite, serial } = await setUp();
    const good = serial(1);
    const typo = `${good.slice(0, 3)}${(Number(good[3]) + 1) % 10}${good.slice(4)}`;
    const swapped = `${good.slice(0, 6)}${good[7]}${good[6]}`;
    const cases: [string, number, string][] = [
      ['1234', 400, 'serial_malformed'],
      [typo, 400, 'serial_check_digit'],
      ['00005724', 422, 'serial_unknown'],
      [formatSerial(onsite.firstSerial + 3), 422, 'serial_other_batch'],
    ];
    if (swapped !== good) cases.push([swapped, 400, 'serial_check_digit']);
    for (const [typed, status, reason] of cases) {
      const res = await enter('teller1', paper.id, { serial: typed, picks: [] });
      expect(res.status, typed).toBe(status);
      expect((await res.json()).error.reason, typed).toBe(reason);
    }
    expect(await db.db.$count(paperEntry, eq(paperEntry.batchId, paper.id))).toBe(0);
  });

  it('counts a serial once per pass; a correction keeps the earlier entry, marked replaced', async () => {
    const { paper, candidates, serial } = await setUp();
    const n = candidates.map((c) => c.number);
    expect((await enter('teller1', paper.id, { serial: serial(2), picks: [n[0]] })).status).toBe(
      201,
    );
    const again = await enter('teller1', paper.id, { serial: serial(2), picks: [n[1]] });
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.error.reason).toBe('serial_already_entered');
    expect(body.error.details?.picks ?? body.error.picks).toEqual([n[0]]);
    const fixed = await enter('teller1', paper.id, {
      serial: serial(2),
      picks: [n[1]],
      correction: true,
    });
    expect(fixed.status).toBe(201);
    expect((await fixed.json()).entry.corrected).toBe(true);
    const rows = await db.db.select().from(paperEntry).where(eq(paperEntry.batchId, paper.id));
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.replacedAt === null).map((r) => r.picks)).toEqual([`[${n[1]}]`]);
    const corrected = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'paper_entry.correct'));
    expect(corrected).toHaveLength(1);
    // The database holds it for any writer: one current entry per serial and pass, none deleted
    // or rewritten.
    expect(
      await refusal(
        db.db.insert(paperEntry).values({
          batchId: paper.id,
          pass: 1,
          serial: paper.firstSerial + 2,
          picks: '[]',
          invalidReason: 'none',
          enteredBy: staff.as('teller1').id,
          enteredAt: now,
        }),
      ),
    ).toMatch(/UNIQUE/);
    expect(await refusal(db.db.delete(paperEntry).where(eq(paperEntry.batchId, paper.id)))).toMatch(
      /never deleted/,
    );
    expect(
      await refusal(
        db.db.update(paperEntry).set({ picks: '[1]' }).where(eq(paperEntry.id, rows[0]!.id)),
      ),
    ).toMatch(/only ever marked replaced/);
  });

  it('records invalid ballots with their reason, never dropping them', async () => {
    const { paper, candidates, serial } = await setUp({}, 2);
    const n = candidates.map((c) => c.number);
    const cases: [Record<string, unknown>, string][] = [
      [{ picks: [n[0], n[1], n[2]] }, 'too_many'],
      [{ picks: [] }, 'none'],
      [{ picks: [n[3]] }, 'too_few'],
      [{ picks: [n[0]], unreadable: true }, 'unreadable'],
    ];
    let i = 3;
    for (const [body, reason] of cases) {
      const res = await enter('teller1', paper.id, { serial: serial(i++), ...body });
      expect(res.status).toBe(201);
      expect((await res.json()).entry.invalidReason).toBe(reason);
    }
    expect(await db.db.$count(paperEntry, eq(paperEntry.batchId, paper.id))).toBe(4);
  });

  it('refuses numbers not printed on the ballot and numbers typed twice', async () => {
    const { paper, candidates, withdrawn, serial } = await setUp();
    const stray = await enter('teller1', paper.id, {
      serial: serial(7),
      picks: [withdrawn.number],
    });
    expect(stray.status).toBe(400);
    expect((await stray.json()).error.reason).toBe('pick_not_on_ballot');
    const twice = await enter('teller1', paper.id, {
      serial: serial(7),
      picks: [candidates[0]!.number, candidates[0]!.number],
    });
    expect((await twice.json()).error.reason).toBe('pick_repeated');
  });

  it('has two passes by two different tellers and refuses a third, and any other role', async () => {
    const { paper, candidates, serial } = await setUp();
    const picks = [candidates[0]!.number];
    expect((await enter('teller1', paper.id, { serial: serial(0), picks })).status).toBe(201);
    const second = await enter('teller2', paper.id, { serial: serial(0), picks });
    expect(second.status).toBe(201);
    expect((await second.json()).entry.pass).toBe(2);
    const third = await enter('teller3', paper.id, { serial: serial(1), picks });
    expect(third.status).toBe(409);
    expect((await third.json()).error.reason).toBe('batch_passes_taken');
    expect((await enter('editor', paper.id, { serial: serial(1), picks })).status).toBe(403);
    // A teller without a pass of this batch cannot write into one directly either.
    expect(
      await refusal(
        db.db.insert(paperEntry).values({
          batchId: paper.id,
          pass: 1,
          serial: paper.firstSerial + 5,
          picks: '[]',
          enteredBy: staff.as('teller3').id,
          enteredAt: now,
        }),
      ),
    ).toMatch(/teller of its open pass/);
  });

  it('accepts no paper entry once the results are certified, whoever writes', async () => {
    const {
      campaign: c,
      paper,
      serial,
    } = await setUp({
      voteOpensAt: new Date(now.getTime() - 48 * 3600_000),
      voteClosesAt: new Date(now.getTime() - 3600_000),
    });
    // An unfinished pass keeps certification waiting (the certificate covers every channel)…
    expect((await enter('teller1', paper.id, { serial: serial(0), picks: [] })).status).toBe(201);
    await expect(certifyAsMonitor(db.db, c.slug, now)).rejects.toMatchObject({
      reason: 'paper_unreconciled',
    });
    // …so a writer that certifies behind the application's back is what the triggers face.
    await db.db.insert(resultCertificate).values({
      campaignId: c.id,
      certifiedBy: staff.as('editor').id,
      certifiedAt: now,
      document: '{}',
      sha256: 'a'.repeat(64),
    });
    const late = await enter('teller1', paper.id, { serial: serial(1), picks: [] });
    expect(late.status).toBe(409);
    expect((await late.json()).error.reason).toBe('paper_after_certification');
    expect(
      await refusal(
        db.db.insert(paperEntry).values({
          batchId: paper.id,
          pass: 1,
          serial: paper.firstSerial + 1,
          picks: '[]',
          invalidReason: 'none',
          enteredBy: staff.as('teller1').id,
          enteredAt: now,
        }),
      ),
    ).toMatch(/certified/);
  });
});

describe('an on-site booth’s tally sheet', () => {
  const sheet = (counts: Record<string, number>, over: Record<string, unknown> = {}) => ({
    ballotsCast: 30,
    invalidBallots: 2,
    counts,
    totalVotes: Object.values(counts).reduce((a, b) => a + b, 0),
    ...over,
  });

  it('is checked to add up before it is recorded', async () => {
    const { onsite, paper, candidates } = await setUp();
    const [a, b] = candidates.map((c) => String(c.number));
    const path = `/api/staff/batches/${onsite.id}/tally`;
    const cases: [unknown, string][] = [
      [sheet({ [a!]: 20, [b!]: 10 }, { totalVotes: 31 }), 'tally_total_mismatch'],
      [sheet({ [a!]: 29 }), 'tally_count_over_ballots'],
      [sheet({ [a!]: 28, [b!]: 28, [String(candidates[2]!.number)]: 1 }), 'tally_votes_over_picks'],
      [sheet({ [a!]: 1 }, { ballotsCast: 101 }), 'tally_over_batch'],
    ];
    for (const [body, reason] of cases) {
      const res = await send('teller1', path, body);
      expect(res.status, reason).toBe(422);
      expect((await res.json()).error.reason).toBe(reason);
    }
    const ok = await send('teller1', path, sheet({ [a!]: 20, [b!]: 15 }));
    expect(ok.status).toBe(201);
    const [row] = await db.db.select().from(tallySheet).where(eq(tallySheet.batchId, onsite.id));
    expect(JSON.parse(row!.counts)).toEqual(
      Object.fromEntries(candidates.map((c, i) => [String(c.number), [20, 15, 0, 0][i]])),
    );
    expect((await send('teller1', path, sheet({ [a!]: 1 }))).status).toBe(409);
    // A batch is entered either by its sheet or ballot by ballot, and sheets only for booths.
    const mixed = await enter('teller1', onsite.id, {
      serial: formatSerial(onsite.firstSerial),
      picks: [],
    });
    expect((await mixed.json()).error.reason).toBe('batch_entered_by_tally');
    const onPaper = await send('teller1', `/api/staff/batches/${paper.id}/tally`, sheet({}));
    expect((await onPaper.json()).error.reason).toBe('tally_not_onsite');
  });
});
