import {
  formatNoticeDate,
  formatNoticeEntry,
  formatNoticeHonour,
  formatNoticeOutcome,
  formatNoticePeriodLine,
  formatReportingLines,
  noticeOutcomeHeading,
  noticeReportingIntro,
  noticeWording,
} from '#src/domain/notices/format-notice-entry.ts';
import type { NoticeContent, NoticeEntry } from '#src/schemas/notice-content.ts';
import { groupByTrack } from './document-groups.ts';

/** The mark after a candidate whose naming the outcome suspends. */
export const suspendedMark = '（暂缓命名）';

/**
 * A notice's wording in the document's order, in Chinese as it is published: what the notice
 * page (NoticeDocument) and the feed (noticeFeedHtml) print, put together in one place.
 */
export function noticeText(c: NoticeContent) {
  const suspended = new Set(c.outcome?.suspended ?? []);
  return {
    outcome: c.outcome && {
      heading: noticeOutcomeHeading,
      statedOn: formatNoticeDate(c.outcome.statedOn),
      paragraphs: formatNoticeOutcome(c.outcome, c.entries),
    },
    groups: groupByTrack(c.entries).map((g) => ({
      ...g,
      entries: g.entries.map((entry: NoticeEntry) => ({
        entry,
        /** The entry's sentence, starting with the name. */
        sentence: formatNoticeEntry(entry),
        honour: formatNoticeHonour(entry),
        suspended: suspended.has(entry.candidateId),
      })),
    })),
    /** The period's line, without its closing 。. */
    period: formatNoticePeriodLine(c.periodStart, c.periodEnd, c.workingDays),
    summaryLabel: noticeWording.summary,
    reportingHeading: noticeWording.reporting,
    reportingIntro: noticeReportingIntro,
    reporting: formatReportingLines(c),
    rulesHeading: noticeWording.rules,
    signedOn: formatNoticeDate(c.signedOn),
  };
}
