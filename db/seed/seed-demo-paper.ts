import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate, staffUser } from '#src/db/schema/index.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { enterPaperBallot } from '#src/domain/paper/enter-paper-ballot.ts';
import { enterTallySheet } from '#src/domain/paper/enter-tally-sheet.ts';
import { finishBatchPass } from '#src/domain/paper/finish-batch-pass.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import { resolvePaperDifference } from '#src/domain/paper/resolve-paper-difference.ts';

/** A fixed sequence of numbers in [0, 1) from a seed: the same demo on every machine. */
function drawFrom(seed: string): () => number {
  let s = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return s / 4294967296;
  };
}

async function demoStaff(db: Db, email: string, displayName: string, role: 'teller' | 'monitor') {
  const at = new Date('2025-11-20T09:00:00+08:00');
  const [row] = await db
    .insert(staffUser)
    .values({ email, displayName, role, passwordHash: 'disabled', disabledAt: at, createdAt: at })
    .returning({ id: staffUser.id });
  return row!.id;
}

interface PaperTrackPlan {
  slug: string;
  candidateIds: number[];
  maxPicks: number;
  /** Newspaper ballots returned by post and at counters, entered one by one. */
  returned: number;
  /** The service hall's booth: ballots cast and found invalid on its tally sheet. */
  boothCast: number;
  boothInvalid: number;
}

/**
 * The 2025 vote's paper side, as it would have been run: a newspaper ballot printed in 《澄川日报》
 * and a booth at the citizens' service hall for each track; two tellers entered every returned
 * ballot (and the booth's tally sheet) once each, one of the passes misread a ballot, and a
 * monitor settled it from the paper before the result was certified with every channel.
 * A few ballots are invalid (too many marks, none, unreadable) and counted as such.
 */
export async function seedPaperBallots2025(
  db: Db,
  input: { recorder: number; tracks: PaperTrackPlan[] },
): Promise<void> {
  const tellers = [
    await demoStaff(db, 'demo-teller-1@example.invalid', '演示计票员甲（已停用）', 'teller'),
    await demoStaff(db, 'demo-teller-2@example.invalid', '演示计票员乙（已停用）', 'teller'),
  ] as const;
  const checker = await demoStaff(
    db,
    'demo-paper-checker@example.invalid',
    '演示核对人（已停用）',
    'monitor',
  );
  const printedAt = new Date('2025-11-18T10:00:00+08:00');
  const enteredAt = new Date('2025-12-06T10:00:00+08:00');
  const settledAt = new Date('2025-12-07T15:00:00+08:00');
  for (const plan of input.tracks) {
    const rand = drawFrom(`paper-2025-${plan.slug}`);
    const numbers = (
      await db
        .select({ id: candidate.id, number: candidate.number })
        .from(candidate)
        .where(inArray(candidate.id, plan.candidateIds))
    )
      .map((c) => c.number)
      .sort((a, b) => a - b);
    const weights = numbers.map(() => 0.3 + rand() * 1.7);
    const pick = (n: number) => {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(n, numbers.length)) {
        let x = rand() * weights.reduce((a, w) => a + w, 0);
        let i = 0;
        while (x > weights[i]! && i < weights.length - 1) x -= weights[i++]!;
        chosen.add(numbers[i]!);
      }
      return [...chosen];
    };
    const newspaper = await registerBallotBatch(db, {
      campaignSlug: '2025',
      batch: {
        trackSlug: plan.slug,
        channel: 'paper',
        label: '《澄川日报》11月24日版',
        destination:
          '寄澄川市委组织部干部一科（澄川市人民路1号，邮编 100001），或投入各区党群服务中心收票箱，12月5日前寄出有效',
        ballotCount: 500,
      },
      actorId: input.recorder,
      now: printedAt,
    });
    const booth = await registerBallotBatch(db, {
      campaignSlug: '2025',
      batch: {
        trackSlug: plan.slug,
        channel: 'onsite',
        label: '市民服务中心投票站',
        destination: '澄川市民服务中心一楼大厅，11月24日至12月5日 9:00–17:00',
        ballotCount: 200,
      },
      actorId: input.recorder,
      now: printedAt,
    });
    // The returned newspaper ballots, each read the same by both tellers but one.
    const readings: { picks: number[]; unreadable: boolean }[] = [];
    for (let i = 0; i < plan.returned; i++) {
      if (i === 7) readings.push({ picks: pick(plan.maxPicks + 1), unreadable: false });
      else if (i === 19) readings.push({ picks: [], unreadable: false });
      else if (i === 31) readings.push({ picks: [], unreadable: true });
      else
        readings.push({ picks: pick(1 + Math.floor(rand() * plan.maxPicks)), unreadable: false });
    }
    // The booth's tally sheet, drawn once: both tellers type the same paper sheet.
    const sheet: Record<string, number> = {};
    for (let b = 0; b < plan.boothCast - plan.boothInvalid; b++) {
      for (const n of pick(1 + Math.floor(rand() * plan.maxPicks))) {
        sheet[String(n)] = (sheet[String(n)] ?? 0) + 1;
      }
    }
    const misread = 12;
    for (const [pass, teller] of tellers.entries()) {
      for (const [i, r] of readings.entries()) {
        // Teller 乙 reads one mark of ballot 12 as the candidate next to it.
        const picks =
          pass === 1 && i === misread
            ? r.picks.map((n, k) =>
                k === 0 ? numbers[(numbers.indexOf(n) + 1) % numbers.length]! : n,
              )
            : r.picks;
        await enterPaperBallot(db, {
          batchId: newspaper.id,
          entry: {
            serial: formatSerial(newspaper.firstSerial + 3 * i),
            picks: [...new Set(picks)],
            unreadable: r.unreadable,
            correction: false,
          },
          tellerId: teller,
          now: enteredAt,
        });
      }
      await finishBatchPass(db, { batchId: newspaper.id, tellerId: teller, now: enteredAt });
      await enterTallySheet(db, {
        batchId: booth.id,
        sheet: {
          ballotsCast: plan.boothCast,
          invalidBallots: plan.boothInvalid,
          counts: sheet,
          totalVotes: Object.values(sheet).reduce((a, b) => a + b, 0),
          correction: false,
        },
        tellerId: teller,
        now: enteredAt,
      });
      await finishBatchPass(db, { batchId: booth.id, tellerId: teller, now: enteredAt });
    }
    await resolvePaperDifference(db, {
      batchId: newspaper.id,
      resolution: {
        serial: formatSerial(newspaper.firstSerial + 3 * misread),
        picks: [...new Set(readings[misread]!.picks)],
        unreadable: false,
        absent: false,
        note: '对照原票，以第一遍录入为准。',
      },
      actorId: checker,
      role: 'monitor',
      now: settledAt,
    });
  }
}
