import { asc } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import { listPublishedDecisions } from '../decisions/list-published-decisions.ts';
import { listCampaigns } from './list-campaigns.ts';

/**
 * Every public page's path, for the sitemap: each campaign with its rules, results and track
 * lists, the profile of every public candidate (never a nominated or withdrawn one), and every
 * published naming decision.
 */
export async function listPublicPaths(db: Db): Promise<{ path: string; updatedAt: Date }[]> {
  const campaigns = await listCampaigns(db);
  const candidates = await db
    .select({ id: candidate.id, campaignId: candidate.campaignId, updatedAt: candidate.updatedAt })
    .from(candidate)
    .where(publicCandidateCondition())
    .orderBy(asc(candidate.campaignId), asc(candidate.trackId), asc(candidate.number));
  const paths = [{ path: '/', updatedAt: campaigns[0]?.campaign.updatedAt ?? new Date(0) }];
  for (const { campaign: c, tracks } of campaigns) {
    const base = `/campaigns/${c.slug}`;
    for (const p of [
      base,
      `${base}/rules`,
      `${base}/results`,
      ...tracks.map((t) => `${base}/tracks/${t.slug}`),
    ]) {
      paths.push({ path: p, updatedAt: c.updatedAt });
    }
    for (const row of candidates.filter((r) => r.campaignId === c.id)) {
      paths.push({ path: `${base}/candidates/${row.id}`, updatedAt: row.updatedAt });
    }
  }
  // Each naming decision at its permalink; its revisions stay reachable from it.
  for (const d of await listPublishedDecisions(db)) {
    paths.push({ path: `/decisions/${d.slug}`, updatedAt: d.latestPublishedAt });
  }
  paths.push({ path: '/receipt', updatedAt: campaigns[0]?.campaign.updatedAt ?? new Date(0) });
  return paths;
}
