import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { namingDecision, namingDecisionRevision } from '#src/db/schema/index.ts';
import { decisionContentSchema } from '#src/schemas/decision-content.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { buildDecisionContent } from './build-decision-content.ts';
import { diffDecisionRevisions, isEmptyDecisionDiff } from './diff-decision-revisions.ts';
import { getConcludingNotice, requireStatedOutcome } from './get-concluding-notice.ts';
import { getDecisionDraft } from './update-decision-draft.ts';

export interface PublishDecisionInput {
  campaignSlug: string;
  changeNote?: string | undefined;
  actorId: number | null;
  now: Date;
}

/**
 * Publishes the decision's draft as its next revision, with the list taken now from the
 * notice's latest revision: its entries minus those whose naming is suspended. Only at the
 * conclusion stage and once the outcome of the publicity is stated; a correction (revision 2 on)
 * must say why and must change something.
 */
export async function publishDecision(
  db: Db,
  input: PublishDecisionInput,
): Promise<{ slug: string; revision: number; publishedAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await getDecisionDraft(tx, input.campaignSlug);
    const found = await getConcludingNotice(tx, input.campaignSlug);
    if (found.stage !== 'concluded') {
      throw new DomainError('rule_violation', 'decision_wrong_stage', { stage: found.stage });
    }
    const latest = requireStatedOutcome(found);
    const content = buildDecisionContent(row, { slug: found.notice.slug, ...latest });
    if (content.entries.length === 0) {
      throw new DomainError('rule_violation', 'decision_no_entries');
    }
    const revision = row.currentRevision + 1;
    const changeNote = input.changeNote?.trim() ?? '';
    let diff = null;
    if (revision > 1) {
      const [previous] = await tx
        .select({ content: namingDecisionRevision.content })
        .from(namingDecisionRevision)
        .where(
          and(
            eq(namingDecisionRevision.decisionId, row.id),
            eq(namingDecisionRevision.revision, row.currentRevision),
          ),
        );
      diff = diffDecisionRevisions(decisionContentSchema.parse(previous!.content), content);
      if (isEmptyDecisionDiff(diff)) {
        throw new DomainError('conflict', 'decision_unchanged', { revision: row.currentRevision });
      }
      if (changeNote === '') {
        throw new DomainError('rule_violation', 'decision_change_note_required', { revision });
      }
    }
    await tx.insert(namingDecisionRevision).values({
      decisionId: row.id,
      revision,
      content,
      changeNote,
      publishedAt: input.now,
      publishedBy: input.actorId,
    });
    await tx
      .update(namingDecision)
      .set({
        currentRevision: revision,
        publishedAt: row.publishedAt ?? input.now,
        updatedAt: input.now,
      })
      .where(eq(namingDecision.id, row.id));
    await recordAuditEntry(tx, input, {
      action: 'decision.publish',
      entityType: 'naming_decision',
      entityId: row.id,
      before: { currentRevision: row.currentRevision },
      after: {
        currentRevision: revision,
        changeNote,
        entries: content.entries.map((e) => e.candidateId),
        ...(diff ? { changes: diff } : {}),
      },
    });
    return { slug: row.slug, revision, publishedAt: input.now };
  });
}
