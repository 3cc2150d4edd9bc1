import { campaignStages, type CampaignStage } from '../../schemas/enums.ts';
import type { NoticeEntry } from '../../schemas/notice-content.ts';
import { noticeRequiredFields } from '../../schemas/notice-input.ts';
import type { NoticeRow } from './build-notice-content.ts';

export type NoticeProblem =
  | { reason: 'notice_wrong_stage'; stage: CampaignStage }
  | { reason: 'notice_no_entries' }
  | { reason: 'notice_incomplete'; fields: string[] };

/**
 * What stands between a draft and publication: the campaign must have reached its publicity
 * stage (the committee's result is final by then), someone must be elected, and every field a
 * reader needs to report a concern must be filled in. Shown on the admin page before staff try.
 */
export function checkNoticeReadiness(
  stage: CampaignStage,
  row: NoticeRow,
  entries: NoticeEntry[],
): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  if (campaignStages.indexOf(stage) < campaignStages.indexOf('publicity')) {
    problems.push({ reason: 'notice_wrong_stage', stage });
  }
  if (entries.length === 0) problems.push({ reason: 'notice_no_entries' });
  const missing = noticeRequiredFields.filter((f) => row[f].trim() === '');
  if (missing.length > 0) problems.push({ reason: 'notice_incomplete', fields: missing });
  return problems;
}
