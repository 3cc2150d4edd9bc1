import { Hono } from 'hono';
import { createNoticeDraft } from '#src/domain/notices/create-notice-draft.ts';
import { getStaffNotice } from '#src/domain/notices/get-staff-notice.ts';
import { publishNotice } from '#src/domain/notices/publish-notice.ts';
import { publishNoticeOutcome } from '#src/domain/notices/publish-notice-outcome.ts';
import { updateNoticeDraft } from '#src/domain/notices/update-notice-draft.ts';
import {
  noticeOutcomeRequestSchema,
  noticePublishRequestSchema,
  noticeUpdateRequestSchema,
} from '#src/schemas/notice-input.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { withPermalink } from '../present-publications.ts';

/** Notice drafts, preview and publication for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffNoticeRoutes = new Hono<ApiEnv>();

// Auditors follow what is drafted and published; only those who keep campaigns write.
const readers = requireStaff(...staffActions['campaign.review']);
const writers = requireStaff(...staffActions['campaign.edit']);

const path = '/staff/campaigns/:slug/notice';
const validSlug = validParams('slug');

staffNoticeRoutes
  .get(path, readers, validSlug, async (c) => {
    const { db, config, clock } = c.var.deps;
    const view = await getStaffNotice(db, {
      campaignSlug: c.req.valid('param').slug,
      siteUrl: config.publicBaseUrl,
      now: clock.now(),
    });
    return c.json(view, 200);
  })
  .post(path, writers, validSlug, async (c) => {
    const { db, config } = c.var.deps;
    const notice = await createNoticeDraft(db, {
      campaignSlug: c.req.valid('param').slug,
      ...actingStaff(c),
      siteUrl: config.publicBaseUrl,
    });
    return c.json({ notice }, 201);
  })
  .put(path, writers, validSlug, validJson(noticeUpdateRequestSchema), async (c) => {
    const { db } = c.var.deps;
    const notice = await updateNoticeDraft(db, {
      campaignSlug: c.req.valid('param').slug,
      changes: c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json({ notice }, 200);
  })
  .post(`${path}/publish`, writers, validSlug, validJson(noticePublishRequestSchema), async (c) => {
    const { db, config } = c.var.deps;
    const published = await publishNotice(db, {
      campaignSlug: c.req.valid('param').slug,
      changeNote: c.req.valid('json').changeNote,
      ...actingStaff(c),
      siteUrl: config.publicBaseUrl,
    });
    return c.json(withPermalink(published, 'notices', config.publicBaseUrl), 200);
  })
  .post(`${path}/outcome`, writers, validSlug, validJson(noticeOutcomeRequestSchema), async (c) => {
    const { db, config } = c.var.deps;
    const body = c.req.valid('json');
    const published = await publishNoticeOutcome(db, {
      campaignSlug: c.req.valid('param').slug,
      findings: body.findings,
      suspended: body.suspended,
      changeNote: body.changeNote,
      ...actingStaff(c),
    });
    return c.json(withPermalink(published, 'notices', config.publicBaseUrl), 200);
  });
