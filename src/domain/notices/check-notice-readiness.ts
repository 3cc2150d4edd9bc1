import { campaignStages, type CampaignStage } from '#src/schemas/enums.ts';
import type { NoticeEntry } from '#src/schemas/notice-content.ts';
import { noticeRequiredFields } from '#src/schemas/notice-input.ts';
import type { NoticeRow } from './build-notice-content.ts';

export type NoticeProblem =
  | { reason: 'notice_wrong_stage'; stage: CampaignStage }
  | { reason: 'notice_no_entries' }
  | { reason: 'notice_incomplete'; fields: string[] }
  | { reason: 'notice_report_web_elsewhere'; given: string; expected: string }
  | { reason: 'notice_report_web_insecure'; given: string; expected: string };

/** The public address of a notice's page, where its report form is. */
export function noticePageUrl(siteUrl: string, slug: string): string {
  return new URL(`/notices/${slug}`, siteUrl).href;
}

/**
 * What stands between a draft and publication: the campaign must have reached its publicity
 * stage (the committee's result is final by then), someone must be elected, and every field a
 * reader needs to report a concern must be filled in. Shown on the admin page before staff try.
 *
 * The web channel must be this notice's own page (its report form opens and closes with this
 * period): a copied address sends readers to an earlier notice whose form says reports are
 * closed. On an https site an http address is refused too, since it would be sent in the clear.
 */
export function checkNoticeReadiness(
  stage: CampaignStage,
  row: NoticeRow,
  entries: NoticeEntry[],
  siteUrl: string,
): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (campaignStages.indexOf(stage) < campaignStages.indexOf('publicity')) {
    problems.push({ reason: 'notice_wrong_stage', stage });
  }
  if (entries.length === 0) problems.push({ reason: 'notice_no_entries' });
  const missing = noticeRequiredFields.filter((f) => row[f].trim() === '');
  if (missing.length > 0) problems.push({ reason: 'notice_incomplete', fields: missing });
  const web = row.reportWeb.trim();
  if (web !== '') {
    const expected = noticePageUrl(siteUrl, row.slug);
    const given = parseUrl(web);
    const wanted = new URL(expected);
    const samePlace =
      given !== null &&
      given.host === wanted.host &&
      given.pathname.replace(/\/+$/, '') === wanted.pathname &&
      given.search === '';
    if (!samePlace) {
      problems.push({ reason: 'notice_report_web_elsewhere', given: web, expected });
    } else if (wanted.protocol === 'https:' && given.protocol !== 'https:') {
      problems.push({ reason: 'notice_report_web_insecure', given: web, expected });
    }
  }
  return problems;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
