import { Hono } from 'hono';
import { createDecisionDraft } from '#src/domain/decisions/create-decision-draft.ts';
import { getStaffDecision } from '#src/domain/decisions/get-staff-decision.ts';
import { publishDecision } from '#src/domain/decisions/publish-decision.ts';
import { updateDecisionDraft } from '#src/domain/decisions/update-decision-draft.ts';
import {
  decisionPublishRequestSchema,
  decisionUpdateRequestSchema,
} from '#src/schemas/decision-input.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { withPermalink } from '../present-publications.ts';

/** The naming decision's draft and publication for staff, as for notices (same roles). */
export const staffDecisionRoutes = new Hono<ApiEnv>();

const readers = requireStaff(...staffActions['campaign.review']);
const writers = requireStaff(...staffActions['campaign.edit']);

const path = '/staff/campaigns/:slug/decision';
const validSlug = validParams('slug');

staffDecisionRoutes
  .get(path, readers, validSlug, async (c) => {
    const view = await getStaffDecision(c.var.deps.db, {
      campaignSlug: c.req.valid('param').slug,
    });
    return c.json(view, 200);
  })
  .post(path, writers, validSlug, async (c) => {
    const { db } = c.var.deps;
    const decision = await createDecisionDraft(db, {
      campaignSlug: c.req.valid('param').slug,
      ...actingStaff(c),
    });
    return c.json({ decision }, 201);
  })
  .put(path, writers, validSlug, validJson(decisionUpdateRequestSchema), async (c) => {
    const { db } = c.var.deps;
    const decision = await updateDecisionDraft(db, {
      campaignSlug: c.req.valid('param').slug,
      changes: c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json({ decision }, 200);
  })
  .post(
    `${path}/publish`,
    writers,
    validSlug,
    validJson(decisionPublishRequestSchema),
    async (c) => {
      const { db, config } = c.var.deps;
      const published = await publishDecision(db, {
        campaignSlug: c.req.valid('param').slug,
        changeNote: c.req.valid('json').changeNote,
        ...actingStaff(c),
      });
      return c.json(withPermalink(published, 'decisions', config.publicBaseUrl), 200);
    },
  );
