import { and, eq, exists, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import {
  auditLog,
  ballot,
  ballotPick,
  campaign,
  candidate,
  tally,
  track,
} from '#src/db/schema/index.ts';
import type { VoidFilter, VoidReasonCategory } from '#src/schemas/integrity.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { isResultPublished } from '../campaigns/voting-window.ts';
import { DomainError } from '../errors.ts';
import { findResultCertificate } from '../results/find-result-certificate.ts';
import { integrityThresholds } from './analyse-vote-integrity.ts';

export interface VoidBallotsInput {
  campaignSlug: string;
  filter: VoidFilter;
  reasonCategory: VoidReasonCategory;
  note: string;
  actorId: number;
  now: Date;
  dryRun: boolean;
}

export interface VoidBallotsResult {
  /** Counted ballots that matched (and, unless a dry run, are now invalidated). */
  ballots: number;
  /**
   * Votes taken off each candidate, named as staff know them (track, ballot number, name), so
   * the preview says whose votes a filter would touch before anything is voided.
   */
  votesRemoved: {
    candidateId: number;
    votes: number;
    track: string;
    trackName: string;
    number: number;
    name: string;
  }[];
  dryRun: boolean;
}

/**
 * Voids the counted ballots that match a filter. Nothing is deleted: each ballot keeps its row
 * and picks and records the reason, who and when; the tallies lose exactly the voided picks, in
 * the same transaction; the audit log records the filter, the note and the figures.
 */
export async function voidBallots(db: Db, input: VoidBallotsInput): Promise<VoidBallotsResult> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  // From publicity on the committee has used the figures and the notice is out: voiding would
  // rewrite published results. A trigger holds this for every writer.
  if (isResultPublished(c.stage)) {
    throw new DomainError('conflict', 'void_after_review', { stage: c.stage });
  }
  // Certified figures are published as a citable document: a trigger holds this too.
  const certificate = await findResultCertificate(db, c.id);
  if (certificate) {
    throw new DomainError('conflict', 'void_after_certification', {
      certifiedAt: certificate.certifiedAt.toISOString(),
    });
  }
  const f = input.filter;
  // The same bound as the stuffing report's: one request never sweeps a whole vote.
  const windowMs = Date.parse(f.to) - Date.parse(f.from);
  if (!(windowMs > 0)) throw new DomainError('invalid_request', 'window_empty');
  if (windowMs > integrityThresholds.maxWindowMs) {
    throw new DomainError('invalid_request', 'window_too_long', {
      maxDays: integrityThresholds.maxWindowMs / 86_400_000,
    });
  }
  const conditions: SQL[] = [
    eq(ballot.campaignId, c.id),
    eq(ballot.status, 'counted'),
    gte(ballot.castAt, new Date(f.from)),
    lt(ballot.castAt, new Date(f.to)),
  ];
  let trackId: number | null = null;
  if (f.track) {
    const t = await db.query.track.findFirst({
      where: and(eq(track.campaignId, c.id), eq(track.slug, f.track)),
    });
    if (!t) throw new DomainError('not_found', 'track_not_found', { slug: f.track });
    trackId = t.id;
    conditions.push(eq(ballot.trackId, t.id));
  }
  if (f.candidateId) {
    // A candidate of another selection, or of another category than the one chosen, would
    // match nothing (or, without a category, the wrong ballots): say so instead.
    const chosen = await db.query.candidate.findFirst({ where: eq(candidate.id, f.candidateId) });
    if (!chosen || chosen.campaignId !== c.id) {
      throw new DomainError('invalid_request', 'void_candidate_not_in_campaign', {
        candidateId: f.candidateId,
      });
    }
    if (trackId !== null && chosen.trackId !== trackId) {
      throw new DomainError('invalid_request', 'void_candidate_other_track', {
        name: chosen.name,
        number: chosen.number,
      });
    }
  }
  if (f.addressHash) conditions.push(eq(ballot.addressHash, f.addressHash));
  if (f.networkHash) conditions.push(eq(ballot.networkHash, f.networkHash));
  if (f.deviceHash) conditions.push(eq(ballot.deviceHash, f.deviceHash));
  if (f.candidateId) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(ballotPick)
          .where(
            and(eq(ballotPick.ballotId, ballot.id), eq(ballotPick.candidateId, f.candidateId)),
          ),
      ),
    );
  }
  const matching = and(...conditions)!;

  try {
    return await voidMatching(db, input, c, matching);
  } catch (e) {
    // The stage moved on between the check above and the write: the trigger refused it.
    if (databaseErrorMentions(e, 'ballots are final')) {
      throw new DomainError('conflict', 'void_after_review', {});
    }
    if (databaseErrorMentions(e, 'ballots are certified')) {
      throw new DomainError('conflict', 'void_after_certification', {});
    }
    throw e;
  }
}

async function voidMatching(
  db: Db,
  input: VoidBallotsInput,
  c: { id: number; slug: string },
  matching: SQL,
): Promise<VoidBallotsResult> {
  const f = input.filter;
  return db.transaction(async (tx) => {
    const ids = (await tx.select({ id: ballot.id }).from(ballot).where(matching)).map((r) => r.id);
    const removed: { candidateId: number; votes: number }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await tx
        .select({ candidateId: ballotPick.candidateId, votes: sql<number>`count(*)` })
        .from(ballotPick)
        .where(inArray(ballotPick.ballotId, chunk))
        .groupBy(ballotPick.candidateId);
      for (const r of rows) {
        const known = removed.find((x) => x.candidateId === r.candidateId);
        if (known) known.votes += Number(r.votes);
        else removed.push({ candidateId: r.candidateId, votes: Number(r.votes) });
      }
    }
    const named =
      removed.length === 0
        ? []
        : await tx
            .select({
              id: candidate.id,
              number: candidate.number,
              name: candidate.name,
              track: track.slug,
              trackName: track.name,
              position: track.position,
            })
            .from(candidate)
            .innerJoin(track, eq(track.id, candidate.trackId))
            .where(
              inArray(
                candidate.id,
                removed.map((r) => r.candidateId),
              ),
            );
    const votesRemoved = removed
      .map((r) => {
        const n = named.find((x) => x.id === r.candidateId)!;
        return { ...r, track: n.track, trackName: n.trackName, number: n.number, name: n.name };
      })
      .sort(
        (a, b) =>
          (named.find((x) => x.id === a.candidateId)?.position ?? 0) -
            (named.find((x) => x.id === b.candidateId)?.position ?? 0) ||
          a.track.localeCompare(b.track) ||
          a.number - b.number,
      );
    if (!input.dryRun && ids.length > 0) {
      for (let i = 0; i < ids.length; i += 500) {
        await tx
          .update(ballot)
          .set({
            status: 'invalidated',
            invalidReason: input.reasonCategory,
            invalidatedBy: input.actorId,
            invalidatedAt: input.now,
          })
          .where(inArray(ballot.id, ids.slice(i, i + 500)));
      }
      for (const r of removed) {
        await tx
          .update(tally)
          .set({ votes: sql`${tally.votes} - ${r.votes}` })
          .where(eq(tally.candidateId, r.candidateId));
      }
      await tx.insert(auditLog).values({
        at: input.now,
        actorId: input.actorId,
        action: 'ballots.void',
        entityType: 'campaign',
        entityId: c.slug,
        before: null,
        after: {
          filter: f,
          reasonCategory: input.reasonCategory,
          note: input.note,
          ballots: ids.length,
          votesRemoved,
        },
      });
    }
    return { ballots: ids.length, votesRemoved, dryRun: input.dryRun };
  });
}
