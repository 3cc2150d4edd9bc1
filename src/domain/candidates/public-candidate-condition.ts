import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { candidate } from '../../db/schema/index.ts';
import { publicCandidateStatuses, type CampaignStage } from '../../schemas/enums.ts';

/**
 * Stages in which the list is still being drawn up: shortlisted candidates are already decided
 * but not yet published, because publication is the start of the display and vote (stage 3).
 */
const unpublishedStages: readonly CampaignStage[] = ['nomination', 'review'];

export function isCandidateListPublished(stage: CampaignStage): boolean {
  return !unpublishedStages.includes(stage);
}

/**
 * Which candidates a public page may show: a public status, in a campaign whose list is
 * published. A staff preview (`preview`) shows the shortlisted ones before that.
 */
export function publicCandidateCondition(options: { preview?: boolean } = {}): SQL {
  const status = inArray(candidate.status, publicCandidateStatuses);
  if (options.preview) return status;
  const stages = sql.raw(unpublishedStages.map((s) => `'${s}'`).join(', '));
  return and(
    status,
    sql`(select stage from campaign where campaign.id = ${candidate.campaignId}) not in (${stages})`,
  )!;
}
