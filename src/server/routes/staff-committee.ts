import { Hono } from 'hono';
import { confirmCommitteeSession } from '#src/domain/committee/confirm-committee-session.ts';
import { getCommitteeOverview } from '#src/domain/committee/get-committee-overview.ts';
import { recordCommitteeSession } from '#src/domain/committee/record-committee-session.ts';
import { setCommitteeRule } from '#src/domain/committee/set-committee-rule.ts';
import {
  committeeRuleRequestSchema,
  committeeSessionRequestSchema,
} from '#src/schemas/committee.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/** The committee's differential vote. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffCommitteeRoutes = new Hono<ApiEnv>();

// Everyone on staff may follow the vote; only those who keep candidates may record it.
// As the committee page: monitors watch the vote, not the committee.
const readers = requireStaff(...staffActions['campaign.review']);
const writers = requireStaff(...staffActions['campaign.edit']);

// A sitting's id is the path's `id`.
const validSessionId = validParams('id');

staffCommitteeRoutes
  .get('/staff/campaigns/:slug/committee', readers, validParams('slug'), async (c) => {
    const overview = await getCommitteeOverview(c.var.deps.db, {
      campaignSlug: c.req.valid('param').slug,
    });
    return c.json(overview, 200);
  })
  .put(
    '/staff/campaigns/:slug/committee/rule',
    writers,
    validParams('slug'),
    validJson(committeeRuleRequestSchema),
    async (c) => {
      const { db } = c.var.deps;
      const rule = await setCommitteeRule(db, {
        campaignSlug: c.req.valid('param').slug,
        rule: c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json({ rule }, 200);
    },
  )
  .post(
    '/staff/campaigns/:slug/tracks/:track/committee/sessions',
    writers,
    validParams('slug', 'track'),
    validJson(committeeSessionRequestSchema),
    async (c) => {
      const { db } = c.var.deps;
      const { slug, track } = c.req.valid('param');
      const body = c.req.valid('json');
      const session = await recordCommitteeSession(db, {
        campaignSlug: slug,
        trackSlug: track,
        heldOn: body.heldOn,
        membersPresent: body.membersPresent,
        tallies: body.tallies,
        ...actingStaff(c),
      });
      return c.json({ session }, 200);
    },
  )
  .post('/staff/committee/sessions/:id/confirm', writers, validSessionId, async (c) => {
    const { db } = c.var.deps;
    const session = await confirmCommitteeSession(db, {
      sessionId: c.req.valid('param').id,
      ...actingStaff(c),
    });
    return c.json({ session }, 200);
  });
