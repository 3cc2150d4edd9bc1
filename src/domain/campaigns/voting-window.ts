import { campaignStages, type CampaignStage } from '#src/schemas/enums.ts';

export type VotingState = 'not_yet_open' | 'open' | 'closed';

/**
 * The stages before the public vote, while the list is still being drawn up: shortlisted
 * candidates are decided but not published, and tracks' rules and the vote window may change.
 */
export const stagesBeforeVote: readonly CampaignStage[] = ['nomination', 'review'];

export function isBeforeVote(stage: CampaignStage): boolean {
  return stagesBeforeVote.includes(stage);
}

/**
 * The stages in which the result is published (publicity) or final (concluded): the
 * committee's outcome and the public vote's figures no longer change (triggers hold both).
 */
const stagesOfPublishedResult: readonly CampaignStage[] = ['publicity', 'concluded'];

export function isResultPublished(stage: CampaignStage): boolean {
  return stagesOfPublishedResult.includes(stage);
}

/**
 * Voting is open only while the campaign is in its public-vote stage and inside the published
 * window; before that stage or window it is "not yet open", after them "closed".
 */
export function votingStateOf(
  c: { stage: CampaignStage; voteOpensAt: Date | null; voteClosesAt: Date | null },
  now: Date,
): VotingState {
  const stage = campaignStages.indexOf(c.stage);
  const vote = campaignStages.indexOf('public_vote');
  if (stage < vote) return 'not_yet_open';
  if (stage > vote) return 'closed';
  if (c.voteOpensAt && now < c.voteOpensAt) return 'not_yet_open';
  if (c.voteClosesAt && now >= c.voteClosesAt) return 'closed';
  return 'open';
}
