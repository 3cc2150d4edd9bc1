import { describe, expect, it } from 'vitest';
import { findCampaignHome } from '#src/domain/campaigns/find-campaign-home.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-11-20T04:00:00Z');
const day = 24 * 3600_000;
const db = useTestDb();

describe('a campaign home', () => {
  it('is not there while there is no campaign', async () => {
    expect(await findCampaignHome(db.db, { now })).toBeNull();
    expect(await findCampaignHome(db.db, { slug: 'home-2026', now })).toBeNull();
  });

  it('counts the shortlist of a campaign still in review only for a staff preview, on both pages', async () => {
    const c = await makeCampaign(db.db, now, {
      slug: 'home-2026',
      year: 2026,
      stage: 'review',
      voteOpensAt: new Date(now.getTime() + 10 * day),
      voteClosesAt: new Date(now.getTime() + 20 * day),
    });
    const t = await makeTrack(db.db, c.id);
    await makeCandidate(db.db, t);
    await makeCandidate(db.db, t);
    await makeCandidate(db.db, t, { status: 'nominated' });

    for (const slug of [undefined, 'home-2026']) {
      const plain = await findCampaignHome(db.db, { slug, now });
      expect(plain?.detail.campaign.slug).toBe('home-2026');
      expect(plain?.counts.get(t.id)).toBeUndefined();
      const preview = await findCampaignHome(db.db, { slug, now, preview: true });
      expect(preview?.counts.get(t.id)).toBe(2);
    }
  });

  it('leads with the campaign in its publicity period and lists the others around the one shown', async () => {
    await makeCampaign(db.db, now, {
      slug: 'home-2025',
      year: 2025,
      stage: 'publicity',
      voteOpensAt: new Date(now.getTime() - 300 * day),
      voteClosesAt: new Date(now.getTime() - 290 * day),
    });
    const lead = await findCampaignHome(db.db, { now });
    expect(lead?.detail.campaign.slug).toBe('home-2025');
    expect(lead?.earlier.map((s) => s.campaign.slug)).toEqual([]);
    expect(lead?.alongside.map((s) => s.campaign.slug)).toEqual(['home-2026']);

    const named = await findCampaignHome(db.db, { slug: 'home-2026', now });
    expect(named?.earlier.map((s) => s.campaign.slug)).toEqual(['home-2025']);
    expect(named?.alongside).toEqual([]);
  });

  it('is not there for a slug no campaign has', async () => {
    expect(await findCampaignHome(db.db, { slug: 'home-1999', now })).toBeNull();
  });
});
