import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { namingDecision } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import type { DecisionContent } from '#src/schemas/decision-content.ts';
import type { NoticeOutcome } from '#src/schemas/notice-content.ts';
import {
  decisionDocument,
  readRevisionHistory,
  type RevisionHistoryItem,
} from '../documents/document-revisions.ts';
import { buildDecisionContent, type DecisionRow } from './build-decision-content.ts';
import { diffDecisionRevisions, type DecisionDiff } from './diff-decision-revisions.ts';
import { getConcludingNotice } from './get-concluding-notice.ts';

export interface StaffDecisionView {
  campaign: { slug: string; title: string; stage: CampaignStage };
  noticeSlug: string;
  /** The notice's published outcome; null while it is not stated (no decision yet then). */
  outcome: NoticeOutcome | null;
  /** Names of those suspended, for the page. */
  suspendedNames: string[];
  decision: DecisionRow | null;
  /** What publishing now would print; null before a draft exists. */
  preview: DecisionContent | null;
  revisions: RevisionHistoryItem[];
  pendingChanges: DecisionDiff | null;
}

/** Everything the admin page and GET /api/staff/campaigns/{slug}/decision show. */
export async function getStaffDecision(
  db: Db,
  input: { campaignSlug: string },
): Promise<StaffDecisionView> {
  const found = await getConcludingNotice(db, input.campaignSlug);
  const row =
    (await db.query.namingDecision.findFirst({
      where: eq(namingDecision.campaignId, found.campaign.id),
    })) ?? null;
  const outcome = found.latest?.content.outcome ?? null;
  const preview =
    row && found.latest && outcome
      ? buildDecisionContent(row, { slug: found.notice.slug, ...found.latest })
      : null;
  const history = row
    ? await readRevisionHistory(db, decisionDocument, row.id)
    : { revisions: [], latest: null };
  return {
    campaign: { slug: found.campaign.slug, title: found.campaign.title, stage: found.stage },
    noticeSlug: found.notice.slug,
    outcome,
    suspendedNames: (found.latest?.content.entries ?? [])
      .filter((e) => outcome?.suspended.includes(e.candidateId))
      .map((e) => e.name),
    decision: row,
    preview,
    revisions: history.revisions,
    pendingChanges:
      history.latest && preview ? diffDecisionRevisions(history.latest, preview) : null,
  };
}
