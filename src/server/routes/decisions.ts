import { createRoute, z } from '@hono/zod-openapi';
import {
  getPublishedDecision,
  type PublishedDecision,
} from '#src/domain/decisions/get-published-decision.ts';
import {
  listPublishedDecisions,
  type PublishedDecisionSummary,
} from '#src/domain/decisions/list-published-decisions.ts';
import { slugSchema } from '#src/schemas/api.ts';
import {
  decisionQuerySchema,
  decisionSummarySchema,
  publicDecisionSchema,
} from '#src/schemas/decision-input.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import {
  absoluteUrl,
  documentRevisionFields,
  revisionLinks,
  summaryRevisionFields,
} from '../present-publications.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/decisions',
  summary: 'Published naming decisions, newest first',
  description:
    'The naming decision (命名决定) that concludes each selection, as its latest revision reads.',
  responses: {
    200: jsonResponse(z.object({ decisions: z.array(decisionSummarySchema) }), 'The decisions.'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/decisions/{slug}',
  summary: 'One naming decision: the latest revision, or an earlier one',
  description:
    'The decision as published: serial, title, lead, those named per honour (the notice’s entries minus those whose naming is suspended), closing and signature. ' +
    'Published revisions are never changed; a correction is a new revision with a change note.',
  request: { params: z.object({ slug: slugSchema }), query: decisionQuerySchema },
  responses: {
    200: jsonResponse(publicDecisionSchema, 'The decision.'),
    ...errorResponses(400, 404),
  },
});

export const decisionRoutes = newRouter();

decisionRoutes
  .openapi(listRoute, async (c) => {
    const { db, config } = c.var.deps;
    const all = await listPublishedDecisions(db);
    return c.json({ decisions: all.map((d) => presentSummary(d, config.publicBaseUrl)) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const { db, config } = c.var.deps;
    const d = await getPublishedDecision(db, {
      slug: c.req.valid('param').slug,
      revision: c.req.valid('query').revision,
    });
    return c.json(presentDecision(d, config.publicBaseUrl), 200);
  });

function presentSummary(
  d: PublishedDecisionSummary,
  base: string,
): z.infer<typeof decisionSummarySchema> {
  return {
    slug: d.slug,
    campaign: d.campaignSlug,
    year: d.year,
    serial: d.serial,
    title: d.title,
    signedOn: d.signedOn,
    ...summaryRevisionFields(d, `/decisions/${d.slug}`, base),
    notice: absoluteUrl(`/notices/${d.noticeSlug}`, base),
  };
}

function presentDecision(d: PublishedDecision, base: string): z.infer<typeof publicDecisionSchema> {
  const c = d.content;
  return {
    slug: d.slug,
    campaign: d.campaign.slug,
    year: d.campaign.year,
    serial: c.serial,
    title: c.title,
    signedOn: c.signedOn,
    ...documentRevisionFields(d, `/decisions/${d.slug}`, base),
    notice: absoluteUrl(`/notices/${c.noticeSlug}`, base),
    noticeRevision: c.noticeRevision,
    lead: c.lead,
    closing: c.closing,
    signature: c.signature,
    entryOrder: c.entryOrder,
    revisions: revisionLinks(d, `/decisions/${d.slug}`, base),
    entries: c.entries,
  };
}
