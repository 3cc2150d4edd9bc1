import { createRoute, z } from '@hono/zod-openapi';
import { getCampaign } from '#src/domain/campaigns/get-campaign.ts';
import { listCampaigns } from '#src/domain/campaigns/list-campaigns.ts';
import { listPublicCandidates } from '#src/domain/candidates/list-public-candidates.ts';
import { DomainError } from '#src/domain/errors.ts';
import {
  campaignDetailSchema,
  campaignSummarySchema,
  candidateListQuerySchema,
  publicCandidateSchema,
  slugSchema,
} from '#src/schemas/api.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import {
  presentCampaignDetail,
  presentCampaignSummary,
  presentCandidate,
} from '../present-campaigns.ts';

const params = z.object({ slug: slugSchema });

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns',
  summary: 'All selections, newest first',
  responses: {
    200: jsonResponse(z.object({ campaigns: z.array(campaignSummarySchema) }), 'The campaigns.'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}',
  summary: 'One selection with its tracks and timeline',
  request: { params },
  responses: {
    200: jsonResponse(campaignDetailSchema, 'The campaign.'),
    ...errorResponses(400, 404),
  },
});

const candidatesRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}/candidates',
  summary: 'Public candidates of a selection, in ballot-number order',
  description:
    'Only candidates that passed the initial review are ever listed. The order never depends on votes.',
  request: { params, query: candidateListQuerySchema },
  responses: {
    200: jsonResponse(z.object({ candidates: z.array(publicCandidateSchema) }), 'The candidates.'),
    ...errorResponses(400, 404),
  },
});

export const campaignRoutes = newRouter()
  .openapi(listRoute, async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock.now();
    const all = await listCampaigns(db);
    return c.json(
      { campaigns: all.map((s) => presentCampaignSummary(s.campaign, s.tracks, now)) },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { db, clock } = c.var.deps;
    const d = await getCampaign(db, c.req.valid('param').slug);
    return c.json(presentCampaignDetail(d.campaign, d.tracks, d.stageDates, clock.now()), 200);
  })
  .openapi(candidatesRoute, async (c) => {
    const { db } = c.var.deps;
    const { tracks } = await getCampaign(db, c.req.valid('param').slug);
    const wanted = c.req.valid('query').track;
    const selected = wanted ? tracks.filter((t) => t.slug === wanted) : tracks;
    if (wanted && selected.length === 0)
      throw new DomainError('not_found', 'track_not_found', { slug: wanted });
    const lists = await Promise.all(selected.map((t) => listPublicCandidates(db, t.id)));
    const candidates = selected.flatMap((t, i) => lists[i]!.map((row) => presentCandidate(row, t)));
    return c.json({ candidates }, 200);
  });
