import { Hono } from 'hono';
import { renderMarkdown } from '#src/render/render-markdown.ts';
import { changeCandidateStatus } from '#src/domain/candidates/change-candidate-status.ts';
import { createCandidate } from '#src/domain/candidates/create-candidate.ts';
import { getStaffCandidate } from '#src/domain/candidates/get-staff-candidate.ts';
import { listStaffCandidates } from '#src/domain/candidates/list-staff-candidates.ts';
import { updateCandidate } from '#src/domain/candidates/update-candidate.ts';
import {
  candidateInputSchema,
  candidatePatchSchema,
  candidateStatusChangeSchema,
  markdownPreviewSchema,
  staffCandidateQuerySchema,
} from '#src/schemas/candidate-input.ts';
import { validJson, validParams, validQuery } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { limitBody } from '../request-guards.ts';

/**
 * Candidates for staff: the list with counts, one candidate, create, edit, status changes (one
 * or many at once) and the Markdown preview. Plain routes under /api/staff, outside the public
 * OpenAPI document. Editors and admins write; auditors and monitors may read.
 */
export const staffCandidateRoutes = new Hono<ApiEnv>();

const readers = staffActions['campaign.read'];
const writers = staffActions['campaign.edit'];

/** Deeds of 20,000 Chinese characters are about 60 KB of JSON; the rest of a profile is small. */
const limit = (kb: number) => limitBody(kb * 1024);
const validSlug = validParams('slug');
const validSlugs = validParams('slug', 'track');
const validId = validParams('id');

staffCandidateRoutes.get(
  '/staff/campaigns/:slug/candidates',
  requireStaff(...readers),
  validSlug,
  validQuery(staffCandidateQuerySchema),
  async (c) => {
    const q = c.req.valid('query');
    const list = await listStaffCandidates(c.var.deps.db, {
      campaignSlug: c.req.valid('param').slug,
      track: q.track,
      status: q.status,
      q: q.q,
    });
    return c.json(list, 200);
  },
);

staffCandidateRoutes.post(
  '/staff/campaigns/:slug/tracks/:track/candidates',
  limit(256),
  requireStaff(...writers),
  validSlugs,
  validJson(candidateInputSchema),
  async (c) => {
    const { db } = c.var.deps;
    const params = c.req.valid('param');
    const created = await createCandidate(db, {
      campaignSlug: params.slug,
      trackSlug: params.track,
      candidate: c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json(created, 201);
  },
);

staffCandidateRoutes.post(
  '/staff/candidates/status',
  limit(64),
  requireStaff(...writers),
  validJson(candidateStatusChangeSchema),
  async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const result = await changeCandidateStatus(db, {
      ids: body.ids,
      to: body.to,
      note: body.note,
      ...actingStaff(c),
    });
    return c.json(result, 200);
  },
);

staffCandidateRoutes.get('/staff/candidates/:id', requireStaff(...readers), validId, async (c) =>
  c.json(await getStaffCandidate(c.var.deps.db, c.req.valid('param').id), 200),
);

staffCandidateRoutes.patch(
  '/staff/candidates/:id',
  limit(256),
  requireStaff(...writers),
  validId,
  validJson(candidatePatchSchema),
  async (c) => {
    const { db } = c.var.deps;
    const updated = await updateCandidate(db, {
      id: c.req.valid('param').id,
      patch: c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json(updated, 200);
  },
);

// The same renderer as the public profile, so the preview is exactly what will be published.
staffCandidateRoutes.post(
  '/staff/markdown/preview',
  limit(128),
  requireStaff(...writers),
  validJson(markdownPreviewSchema),
  (c) => c.json({ html: renderMarkdown(c.req.valid('json').markdown) }, 200),
);
