import { createHash } from 'node:crypto';
import type { Db } from '#src/db/client.ts';
import { auditLog, ballot, ballotPick, staffUser } from '#src/db/schema/index.ts';
import { newReceiptCode } from '#src/domain/ballots/receipt-code.ts';
import { chinaDay } from '#src/domain/china-time.ts';
import { certifyResults } from '#src/domain/results/certify-results.ts';
import type { VoidReasonCategory } from '#src/schemas/integrity.ts';

/**
 * The certification of the demo's past votes (issue 17). Kept apart from seed-demo.ts so the
 * campaign seeds only call it: the 2025 vote gets stuffing that staff voided (so its published
 * review report has content) and its certificate; the flood selection, in its publicity now,
 * gets its certificate without any voiding. The vote in progress stays uncertified.
 */

/** The fictional monitor who certified the demo's results; disabled, no usable password. */
async function seedDemoMonitor(db: Db, at: Date, email: string): Promise<number> {
  const [row] = await db
    .insert(staffUser)
    .values({
      email,
      displayName: '演示数据监测员（已停用）',
      role: 'monitor',
      passwordHash: 'disabled',
      disabledAt: at,
      createdAt: at,
    })
    .returning({ id: staffUser.id });
  return row!.id;
}

interface StuffingWave {
  trackId: number;
  /** The candidates every ballot of the wave picks. */
  candidateIds: number[];
  reason: VoidReasonCategory;
  /** When the wave started, and how many ballots it cast one a minute or faster. */
  from: Date;
  ballots: number;
  spacingMs: number;
  /** One network for all (network concentration) or a fresh network each. */
  sameNetwork: boolean;
  /** Devices issued minutes before their ballot. */
  newDevices: boolean;
  seed: string;
}

/**
 * A wave of stuffing ballots as staff found it and voided it: the ballots keep their rows and
 * picks, marked invalid with the category, who and when, and one audit row says so (as
 * voidBallots writes them). Voided ballots never counted, so no tally changes.
 */
async function seedVoidedWave(
  db: Db,
  campaignId: number,
  campaignSlug: string,
  wave: StuffingWave,
  monitor: number,
  voidedAt: Date,
): Promise<void> {
  const h = (what: string) =>
    createHash('sha256').update(`${wave.seed}:${what}`).digest('base64url');
  const rows = Array.from({ length: wave.ballots }, (_, i) => {
    const castAt = new Date(wave.from.getTime() + i * wave.spacingMs);
    return {
      receipt: newReceiptCode(),
      campaignId,
      trackId: wave.trackId,
      deviceHash: h(`device:${i}`),
      addressHash: h(`addr:${i}`),
      hostHash: h(`addr:${i}`),
      networkHash: h(wave.sameNetwork ? 'net' : `net:${i}`),
      deviceIssuedAt: new Date(castAt.getTime() - (wave.newDevices ? 90_000 : 20 * 86_400_000)),
      day: chinaDay(castAt),
      deviceSeq: 1,
      addressSeq: 1,
      status: 'invalidated' as const,
      invalidReason: wave.reason,
      invalidatedBy: monitor,
      invalidatedAt: voidedAt,
      castAt,
    };
  });
  const ids = (await db.insert(ballot).values(rows).returning({ id: ballot.id })).map((r) => r.id);
  await db
    .insert(ballotPick)
    .values(
      ids.flatMap((ballotId) =>
        wave.candidateIds.map((candidateId) => ({ ballotId, candidateId })),
      ),
    );
  const to = new Date(wave.from.getTime() + wave.ballots * wave.spacingMs);
  await db.insert(auditLog).values({
    at: voidedAt,
    actorId: monitor,
    action: 'ballots.void',
    entityType: 'campaign',
    entityId: campaignSlug,
    before: null,
    after: {
      filter: { from: wave.from.toISOString(), to: to.toISOString() },
      reasonCategory: wave.reason,
      note: '演示：监测发现的集中投票，核实后作废。',
      ballots: ids.length,
    },
  });
}

/**
 * The 2025 vote: three waves found by the monitor (a network's burst for one cadre, a minute-by-
 * minute burst for another, fresh devices for a unit), voided during the vote, then the result
 * certified on 8 December 2025, after the close on the 5th and before the second shortlist.
 */
export async function certifyDemoVote2025(
  db: Db,
  input: {
    campaignId: number;
    cadresTrackId: number;
    unitsTrackId: number;
    cadreIds: number[];
    unitIds: number[];
  },
): Promise<void> {
  const certifiedAt = new Date('2025-12-08T10:30:00+08:00');
  const monitor = await seedDemoMonitor(db, certifiedAt, 'demo-monitor@example.invalid');
  const waves: (StuffingWave & { voidedAt: Date })[] = [
    {
      trackId: input.cadresTrackId,
      candidateIds: [input.cadreIds[9]!],
      reason: 'network_concentration',
      from: new Date('2025-11-27T02:14:00+08:00'),
      ballots: 46,
      spacingMs: 25_000,
      sameNetwork: true,
      newDevices: false,
      seed: 'stuffing-2025-network',
      voidedAt: new Date('2025-11-27T09:40:00+08:00'),
    },
    {
      trackId: input.cadresTrackId,
      candidateIds: [input.cadreIds[3]!, input.cadreIds[11]!],
      reason: 'burst',
      from: new Date('2025-12-02T21:05:00+08:00'),
      ballots: 18,
      spacingMs: 8_000,
      sameNetwork: false,
      newDevices: false,
      seed: 'stuffing-2025-burst',
      voidedAt: new Date('2025-12-03T10:15:00+08:00'),
    },
    {
      trackId: input.unitsTrackId,
      candidateIds: [input.unitIds[7]!],
      reason: 'new_devices',
      from: new Date('2025-12-04T13:30:00+08:00'),
      ballots: 27,
      spacingMs: 40_000,
      sameNetwork: false,
      newDevices: true,
      seed: 'stuffing-2025-devices',
      voidedAt: new Date('2025-12-04T16:50:00+08:00'),
    },
  ];
  for (const wave of waves) {
    await seedVoidedWave(db, input.campaignId, '2025', wave, monitor, wave.voidedAt);
  }
  await certifyResults(db, {
    campaignSlug: '2025',
    actorId: monitor,
    role: 'monitor',
    now: certifiedAt,
  });
}

/** A vote certified as it was, with nothing voided: the flood selection's, two days after its close. */
export async function certifyDemoVote(
  db: Db,
  input: { campaignSlug: string; closedAt: Date },
): Promise<void> {
  const certifiedAt = new Date(input.closedAt.getTime() + 2 * 86_400_000);
  const monitor = await seedDemoMonitor(
    db,
    certifiedAt,
    `demo-monitor-${input.campaignSlug}@example.invalid`,
  );
  await certifyResults(db, {
    campaignSlug: input.campaignSlug,
    actorId: monitor,
    role: 'monitor',
    now: certifiedAt,
  });
}
