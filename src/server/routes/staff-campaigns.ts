import { Hono } from 'hono';
import { advanceCampaignStage } from '#src/domain/campaigns/advance-campaign-stage.ts';
import {
  checkStagePreconditions,
  nextStageOf,
  type UnmetPrecondition,
} from '#src/domain/campaigns/check-stage-preconditions.ts';
import { createCampaign } from '#src/domain/campaigns/create-campaign.ts';
import { getCampaign } from '#src/domain/campaigns/get-campaign.ts';
import { listCampaigns } from '#src/domain/campaigns/list-campaigns.ts';
import { updateCampaign } from '#src/domain/campaigns/update-campaign.ts';
import { DomainError, isDomainError } from '#src/domain/errors.ts';
import { createTrack } from '#src/domain/tracks/create-track.ts';
import { updateTrack } from '#src/domain/tracks/update-track.ts';
import {
  advanceStageSchema,
  campaignInputSchema,
  campaignUpdateSchema,
  trackInputSchema,
  trackUpdateSchema,
} from '#src/schemas/campaign-input.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { describeReasons } from '../http-errors.ts';

/** Campaigns, stages and tracks for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffCampaignRoutes = new Hono<ApiEnv>();

// The supervisor reads the public's reports and nothing else: no campaign drafts.
const readers = requireStaff(...staffActions['campaign.read']);
const editors = requireStaff(...staffActions['campaign.edit']);

staffCampaignRoutes
  .get('/staff/campaigns', readers, async (c) => {
    const all = await listCampaigns(c.var.deps.db);
    return c.json({ campaigns: all }, 200);
  })
  .post('/staff/campaigns', editors, validJson(campaignInputSchema), async (c) => {
    const { db } = c.var.deps;
    const created = await createCampaign(db, {
      campaign: c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json(created, 201);
  })
  .get('/staff/campaigns/:slug', readers, validParams('slug'), async (c) => {
    const { db, clock } = c.var.deps;
    const detail = await getCampaign(db, c.req.valid('param').slug);
    const next = nextStageOf(detail.campaign.stage);
    const missing = next
      ? await checkStagePreconditions(db, detail.campaign, next, clock.now())
      : [];
    return c.json({ ...detail, nextStage: next, missing: describeReasons(c, missing) }, 200);
  })
  .put(
    '/staff/campaigns/:slug',
    editors,
    validParams('slug'),
    validJson(campaignUpdateSchema),
    async (c) => {
      const { db } = c.var.deps;
      await updateCampaign(db, {
        slug: c.req.valid('param').slug,
        campaign: c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json({ ok: true }, 200);
    },
  )
  .post(
    '/staff/campaigns/:slug/stage',
    editors,
    validParams('slug'),
    validJson(advanceStageSchema),
    async (c) => {
      const { db } = c.var.deps;
      const { from, to } = c.req.valid('json');
      try {
        const result = await advanceCampaignStage(db, {
          slug: c.req.valid('param').slug,
          from,
          to,
          ...actingStaff(c),
        });
        return c.json(result, 200);
      } catch (e) {
        // The list of what is missing goes back with each item's message, for the page to show.
        if (isDomainError(e) && e.reason === 'stage_preconditions_unmet') {
          const missing = describeReasons(c, e.details.missing as UnmetPrecondition[]);
          throw new DomainError(e.code, e.reason, { missing });
        }
        throw e;
      }
    },
  )
  .post(
    '/staff/campaigns/:slug/tracks',
    editors,
    validParams('slug'),
    validJson(trackInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const created = await createTrack(db, {
        campaignSlug: c.req.valid('param').slug,
        track: c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json(created, 201);
    },
  )
  .put(
    '/staff/campaigns/:slug/tracks/:track',
    editors,
    validParams('slug', 'track'),
    validJson(trackUpdateSchema),
    async (c) => {
      const { db } = c.var.deps;
      const { slug, track } = c.req.valid('param');
      await updateTrack(db, {
        campaignSlug: slug,
        trackSlug: track,
        track: c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json({ ok: true }, 200);
    },
  );
