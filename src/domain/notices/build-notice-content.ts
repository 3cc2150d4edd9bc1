import type { notice } from '#src/db/schema/index.ts';
import type { NoticeContent, NoticeEntry, NoticeOutcome } from '#src/schemas/notice-content.ts';

export type NoticeRow = typeof notice.$inferSelect;

/**
 * The whole notice as a revision stores it: the draft's framing and the entries of the moment,
 * and the outcome of the publicity as the latest revision states it (a correction of the text
 * never drops an outcome already published).
 */
export function buildNoticeContent(
  row: NoticeRow,
  entries: NoticeEntry[],
  outcome?: NoticeOutcome,
): NoticeContent {
  return {
    serial: row.serial,
    title: row.title,
    lead: row.lead,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    workingDays: row.workingDays,
    reportPhone: row.reportPhone,
    reportAddress: row.reportAddress,
    reportPostcode: row.reportPostcode,
    reportVisit: row.reportVisit,
    reportWeb: row.reportWeb,
    reportRules: row.reportRules,
    signature: row.signature,
    signedOn: row.signedOn,
    showPhotos: row.showPhotos,
    showSummaries: row.showSummaries,
    entryOrder: row.entryOrder,
    entries,
    ...(outcome ? { outcome } : {}),
  };
}
