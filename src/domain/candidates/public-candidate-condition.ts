import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { candidate } from '#src/db/schema/index.ts';
import { publicCandidateStatuses } from '#src/schemas/enums.ts';
import { stagesBeforeVote } from '../campaigns/voting-window.ts';

/**
 * Which candidates a public page may show: a public status, in a campaign whose list is
 * published (from the public vote on: publication starts the display and vote). A staff preview (`preview`) shows the shortlisted ones before that.
 */
export function publicCandidateCondition(options: { preview?: boolean } = {}): SQL {
  const status = inArray(candidate.status, publicCandidateStatuses);
  if (options.preview) return status;
  const stages = sql.raw(stagesBeforeVote.map((s) => `'${s}'`).join(', '));
  return and(
    status,
    sql`(select stage from campaign where campaign.id = ${candidate.campaignId}) not in (${stages})`,
  )!;
}
