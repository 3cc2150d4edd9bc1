import { eq } from 'drizzle-orm';
import type { Tx } from '#src/db/client.ts';
import { campaignStageDate } from '#src/db/schema/index.ts';
import type { CampaignInput } from '#src/schemas/campaign-input.ts';

/** Replaces a campaign's whole timeline inside the caller's transaction. */
export async function saveStageDates(
  tx: Tx,
  campaignId: number,
  stageDates: CampaignInput['stageDates'],
): Promise<void> {
  await tx.delete(campaignStageDate).where(eq(campaignStageDate.campaignId, campaignId));
  if (stageDates.length > 0) {
    await tx.insert(campaignStageDate).values(stageDates.map((s) => ({ campaignId, ...s })));
  }
}
