import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, campaignStageDate } from '#src/db/schema/index.ts';
import type { CampaignUpdate } from '#src/schemas/campaign-input.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { saveStageDates } from './save-stage-dates.ts';
import { isBeforeVote } from './voting-window.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Edits a campaign and its timeline. Once the public vote has opened, what voters were told
 * (the vote window and whether counts show live) is frozen: such a change is refused with
 * `conflict` and the attempt is audit-logged, as for track rules. Titles and dates of the
 * timeline stay editable: they correct wording, not rules.
 */
export async function updateCampaign(
  db: Db,
  input: { slug: string; campaign: CampaignUpdate; actorId: number; now: Date },
): Promise<void> {
  const next = input.campaign;
  const refused = await db.transaction(async (tx) => {
    const row = await tx.query.campaign.findFirst({ where: eq(campaign.slug, input.slug) });
    if (!row) throw new DomainError('not_found', 'campaign_not_found', { slug: input.slug });
    const stageDates = await tx
      .select({
        stage: campaignStageDate.stage,
        startsOn: campaignStageDate.startsOn,
        endsOn: campaignStageDate.endsOn,
      })
      .from(campaignStageDate)
      .where(eq(campaignStageDate.campaignId, row.id))
      .orderBy(asc(campaignStageDate.id));
    const before = {
      year: row.year,
      title: row.title,
      titleEn: row.titleEn,
      organiser: row.organiser,
      intro: row.intro,
      countsVisibility: row.countsVisibility,
      voteOpensAt: iso(row.voteOpensAt),
      voteClosesAt: iso(row.voteClosesAt),
      stageDates,
      districts: row.districts,
      sectors: row.sectors,
    };
    const opensAt = next.voteOpensAt ? new Date(next.voteOpensAt) : null;
    const closesAt = next.voteClosesAt ? new Date(next.voteClosesAt) : null;
    const rulesChanged =
      before.countsVisibility !== next.countsVisibility ||
      before.voteOpensAt !== iso(opensAt) ||
      before.voteClosesAt !== iso(closesAt);
    const frozen = !isBeforeVote(row.stage);
    if (frozen && rulesChanged) {
      await recordAuditEntry(tx, input, {
        action: 'campaign.rules_change_refused',
        entityType: 'campaign',
        entityId: row.id,
        before,
        after: next,
      });
      return true;
    }
    await tx
      .update(campaign)
      .set({
        year: next.year,
        title: next.title,
        titleEn: next.titleEn,
        organiser: next.organiser,
        intro: next.intro,
        countsVisibility: next.countsVisibility,
        voteOpensAt: opensAt,
        voteClosesAt: closesAt,
        districts: next.districts,
        sectors: next.sectors,
        updatedAt: input.now,
      })
      .where(eq(campaign.id, row.id));
    await saveStageDates(tx, row.id, next.stageDates);
    await recordAuditEntry(tx, input, {
      action: 'campaign.update',
      entityType: 'campaign',
      entityId: row.id,
      before,
      after: next,
    });
    return false;
  });
  if (refused) throw new DomainError('conflict', 'campaign_rules_frozen', { slug: input.slug });
}
