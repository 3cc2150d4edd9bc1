import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign } from '#src/db/schema/index.ts';
import type { CampaignInput } from '#src/schemas/campaign-input.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { saveStageDates } from './save-stage-dates.ts';

/** A new campaign, in its nomination stage. The slug is its permanent address. */
export async function createCampaign(
  db: Db,
  input: { campaign: CampaignInput; actorId: number; now: Date },
): Promise<{ id: number; slug: string }> {
  const { stageDates, voteOpensAt, voteClosesAt, ...fields } = input.campaign;
  return db.transaction(async (tx) => {
    const taken = await tx.query.campaign.findFirst({ where: eq(campaign.slug, fields.slug) });
    if (taken) throw new DomainError('conflict', 'campaign_slug_taken', { slug: fields.slug });
    const [row] = await tx
      .insert(campaign)
      .values({
        ...fields,
        stage: 'nomination',
        voteOpensAt: voteOpensAt ? new Date(voteOpensAt) : null,
        voteClosesAt: voteClosesAt ? new Date(voteClosesAt) : null,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: campaign.id, slug: campaign.slug });
    await saveStageDates(tx, row!.id, stageDates);
    await recordAuditEntry(tx, input, {
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: row!.id,
      after: input.campaign,
    });
    return row!;
  });
}
