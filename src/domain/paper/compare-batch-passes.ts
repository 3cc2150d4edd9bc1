import { eq, isNull, and } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import {
  batchPass,
  paperEntry,
  paperResolution,
  staffUser,
  tallySheet,
} from '#src/db/schema/index.ts';
import type { PaperInvalidReason } from '#src/schemas/enums.ts';

/** One pass's reading of a ballot. */
export interface Reading {
  picks: number[];
  invalidReason: PaperInvalidReason | null;
}

export interface TallyFigures {
  id: number;
  ballotsCast: number;
  invalidBallots: number;
  counts: Record<string, number>;
  totalVotes: number;
}

export interface BallotDifference {
  serial: number;
  /** What each pass read; null where that pass has no entry for the serial. */
  pass1: Reading | null;
  pass2: Reading | null;
  /** How it was settled: the reading that counts, or `absent` (no such ballot). */
  resolution: { reading: Reading | null; by: string; at: Date; note: string } | null;
}

export type BatchState = 'entering' | 'differences' | 'reconciled';

export interface BatchComparison {
  passes: { pass: number; teller: string; tellerId: number; finished: boolean }[];
  /** `entering` until both passes are finished; then `differences` until each is settled. */
  state: BatchState;
  /** Ballots both passes read alike. */
  agreed: Map<number, Reading>;
  differences: BallotDifference[];
  /** On-site batches entered by sheet: each pass's sheet and, if they differ, the adopted one. */
  tally: {
    pass1: TallyFigures | null;
    pass2: TallyFigures | null;
    differ: boolean;
    adopted: { sheetId: number; by: string; at: Date; note: string } | null;
  } | null;
}

const key = (r: Reading) => `${JSON.stringify(r.picks)}|${r.invalidReason ?? ''}`;

function sameSheet(a: TallyFigures, b: TallyFigures): boolean {
  return (
    a.ballotsCast === b.ballotsCast &&
    a.invalidBallots === b.invalidBallots &&
    a.totalVotes === b.totalVotes &&
    JSON.stringify(a.counts) === JSON.stringify(b.counts)
  );
}

/**
 * The two passes of a batch side by side, ballot by ballot: which readings agree, which differ
 * (one pass read something else, or only one pass has the serial), and how each difference was
 * settled. Only agreed and settled readings of a batch whose two passes are finished count.
 */
export async function compareBatchPasses(db: Db | Tx, batchId: number): Promise<BatchComparison> {
  const [passes, entries, sheets, resolutions] = await Promise.all([
    db
      .select({
        pass: batchPass.pass,
        tellerId: batchPass.tellerId,
        teller: staffUser.displayName,
        finishedAt: batchPass.finishedAt,
      })
      .from(batchPass)
      .innerJoin(staffUser, eq(staffUser.id, batchPass.tellerId))
      .where(eq(batchPass.batchId, batchId)),
    db
      .select()
      .from(paperEntry)
      .where(and(eq(paperEntry.batchId, batchId), isNull(paperEntry.replacedAt))),
    db
      .select()
      .from(tallySheet)
      .where(and(eq(tallySheet.batchId, batchId), isNull(tallySheet.replacedAt))),
    db
      .select({ resolution: paperResolution, by: staffUser.displayName })
      .from(paperResolution)
      .innerJoin(staffUser, eq(staffUser.id, paperResolution.resolvedBy))
      .where(eq(paperResolution.batchId, batchId)),
  ]);
  const readings = new Map<number, { 1?: Reading; 2?: Reading }>();
  for (const e of entries) {
    const slot = readings.get(e.serial) ?? {};
    slot[e.pass as 1 | 2] = {
      picks: JSON.parse(e.picks) as number[],
      invalidReason: e.invalidReason,
    };
    readings.set(e.serial, slot);
  }
  const settled = new Map(
    resolutions
      .filter((r) => r.resolution.serial !== null)
      .map((r) => [r.resolution.serial!, r] as const),
  );
  const agreed = new Map<number, Reading>();
  const differences: BallotDifference[] = [];
  for (const [serial, slot] of [...readings].sort((a, b) => a[0] - b[0])) {
    if (slot[1] && slot[2] && key(slot[1]) === key(slot[2])) {
      agreed.set(serial, slot[1]);
      continue;
    }
    const r = settled.get(serial);
    differences.push({
      serial,
      pass1: slot[1] ?? null,
      pass2: slot[2] ?? null,
      resolution: r
        ? {
            reading:
              r.resolution.picks === null
                ? null
                : {
                    picks: JSON.parse(r.resolution.picks) as number[],
                    invalidReason: r.resolution.invalidReason,
                  },
            by: r.by,
            at: r.resolution.resolvedAt,
            note: r.resolution.note,
          }
        : null,
    });
  }
  const figures = (pass: number): TallyFigures | null => {
    const s = sheets.find((x) => x.pass === pass);
    return s
      ? {
          id: s.id,
          ballotsCast: s.ballotsCast,
          invalidBallots: s.invalidBallots,
          counts: JSON.parse(s.counts) as Record<string, number>,
          totalVotes: s.totalVotes,
        }
      : null;
  };
  const t1 = figures(1);
  const t2 = figures(2);
  const adoption = resolutions.find((r) => r.resolution.serial === null);
  const tally =
    t1 || t2
      ? {
          pass1: t1,
          pass2: t2,
          differ: !(t1 && t2 && sameSheet(t1, t2)),
          adopted: adoption
            ? {
                sheetId: adoption.resolution.tallySheetId!,
                by: adoption.by,
                at: adoption.resolution.resolvedAt,
                note: adoption.resolution.note,
              }
            : null,
        }
      : null;
  const finished = passes.filter((p) => p.finishedAt !== null).length;
  const open =
    differences.some((d) => d.resolution === null) ||
    (tally !== null && tally.differ && tally.adopted === null);
  return {
    passes: passes
      .sort((a, b) => a.pass - b.pass)
      .map((p) => ({
        pass: p.pass,
        teller: p.teller,
        tellerId: p.tellerId,
        finished: p.finishedAt !== null,
      })),
    state: finished < 2 ? 'entering' : open ? 'differences' : 'reconciled',
    agreed,
    differences,
    tally,
  };
}
