import type { namingDecision } from '#src/db/schema/index.ts';
import type { DecisionContent } from '#src/schemas/decision-content.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import { buildDecisionEntries } from './build-decision-entries.ts';

export type DecisionRow = typeof namingDecision.$inferSelect;

/** The whole decision as a revision stores it: the draft's text, the list from the notice. */
export function buildDecisionContent(
  row: DecisionRow,
  notice: { slug: string; revision: number; content: NoticeContent },
): DecisionContent {
  return {
    serial: row.serial,
    title: row.title,
    lead: row.lead,
    closing: row.closing,
    signature: row.signature,
    signedOn: row.signedOn,
    noticeSlug: notice.slug,
    noticeRevision: notice.revision,
    entryOrder: notice.content.entryOrder,
    entries: buildDecisionEntries(notice.content),
  };
}
