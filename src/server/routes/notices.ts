import { createRoute, z } from '@hono/zod-openapi';
import { listPublishedDecisions } from '#src/domain/decisions/list-published-decisions.ts';
import {
  getPublishedNotice,
  type PublishedNotice,
} from '#src/domain/notices/get-published-notice.ts';
import {
  listPublishedNotices,
  type PublishedNoticeSummary,
} from '#src/domain/notices/list-published-notices.ts';
import { formatNoticeOutcome } from '#src/domain/notices/format-notice-entry.ts';
import { slugSchema } from '#src/schemas/api.ts';
import type { NoticeEntry } from '#src/schemas/notice-content.ts';
import {
  noticeQuerySchema,
  noticeSummarySchema,
  publicNoticeSchema,
} from '#src/schemas/notice-input.ts';
import {
  chineseHeader,
  csvHeaderQuery,
  noticeColumnMeanings,
} from '#src/schemas/open-data-columns.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import { csvFile, csvHeaders } from '../csv.ts';
import {
  absoluteUrl,
  documentRevisionFields,
  revisionLinks,
  summaryRevisionFields,
} from '../present-publications.ts';
import { validQuery } from '../request-validators.ts';

/**
 * The CSV's columns, one row per entry, in the notice's order. Documented in the OpenAPI
 * document from this same list, so the description cannot drift from the file.
 */
export const noticeCsvColumns = [
  ['notice', 'the notice’s slug'],
  ['revision', 'the revision the rows come from'],
  ['position', 'the entry’s place in the notice, from 1'],
  ['track', 'the category’s slug'],
  ['honour', 'the proposed honour (the category’s name)'],
  ['kind', '`unit` or `individual`'],
  ['number', 'the ballot number within the category'],
  ['name', 'person’s or unit’s name'],
  ['organisation', 'unit the person works in, or a unit’s parent body'],
  ['sex', 'person only'],
  ['ethnicity', 'person only'],
  ['birth', 'person only, `YYYY-MM`'],
  ['native_place', 'person only'],
  ['political_affiliation', 'person only'],
  ['party_joined', 'person only, `YYYY-MM`'],
  ['work_started', 'person only, `YYYY-MM`'],
  ['education', 'person only'],
  ['degree', 'person only'],
  ['current_post', 'person only'],
  ['head_name', 'unit only: its head'],
  ['head_title', 'unit only: the head’s post'],
  ['summary', 'one line of deeds (empty when the notice does not show summaries)'],
] as const;

const listRoute = createRoute({
  method: 'get',
  path: '/notices',
  summary: 'Published publicity notices, newest first',
  description:
    'Each notice as its latest revision reads. `status` compares today in Asia/Shanghai with the publicity period.',
  responses: {
    200: jsonResponse(z.object({ notices: z.array(noticeSummarySchema) }), 'The notices.'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/notices/{slug}',
  summary: 'One publicity notice: the latest revision, or an earlier one',
  description:
    'The whole notice as published: framing, period, reporting channels, signature and one entry per unit or person. ' +
    'Published revisions are never changed; a correction is a new revision with a change note.',
  request: { params: z.object({ slug: slugSchema }), query: noticeQuerySchema },
  responses: { 200: jsonResponse(publicNoticeSchema, 'The notice.'), ...errorResponses(400, 404) },
});

const csvDescription =
  'One row per entry, in the notice’s order, with a header row; UTF-8 with a byte-order mark, CRLF line ends, ' +
  'every cell quoted, and a cell starting with = + - @ prefixed with an apostrophe so that spreadsheets never ' +
  'run it as a formula. Columns:\n\n' +
  noticeCsvColumns.map(([name, what]) => `- \`${name}\`: ${what}`).join('\n');

const noticeCsvQuerySchema = noticeQuerySchema.extend({
  header: z.enum(['zh']).optional().meta(csvHeaderQuery),
});

export const noticeRoutes = newRouter();

// Registered before `/notices/{slug}`, which would otherwise take `2025-1.csv` as a slug; the
// router cannot split `{slug}.csv`, so the pattern is matched here and documented below.
noticeRoutes.get(
  '/notices/:file{[a-z0-9-]{1,40}\\.csv}',
  validQuery(noticeCsvQuerySchema),
  async (c) => {
    const { db, clock } = c.var.deps;
    const slug = c.req.param('file').slice(0, -'.csv'.length);
    const query = c.req.valid('query');
    const n = await getPublishedNotice(db, {
      slug,
      revision: query.revision,
      now: clock.now(),
    });
    const names = noticeCsvColumns.map(([name]) => name);
    const header = query.header === 'zh' ? chineseHeader(noticeColumnMeanings, names) : names;
    const rows = n.content.entries.map((e, i) => csvRow(n, e, i + 1));
    return c.body(csvFile(header, rows), 200, csvHeaders(`notice-${n.slug}-r${n.revision}.csv`));
  },
);

noticeRoutes.openAPIRegistry.registerPath({
  method: 'get',
  path: '/notices/{slug}.csv',
  summary: 'One publicity notice’s entries as CSV',
  description: csvDescription,
  request: { params: z.object({ slug: slugSchema }), query: noticeCsvQuerySchema },
  responses: {
    200: {
      description: 'The entries, one row each.',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 404),
  },
});

noticeRoutes
  .openapi(listRoute, async (c) => {
    const { db, clock, config } = c.var.deps;
    const all = await listPublishedNotices(db, { now: clock.now() });
    return c.json({ notices: all.map((n) => presentSummary(n, config.publicBaseUrl)) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const { db, clock, config } = c.var.deps;
    const n = await getPublishedNotice(db, {
      slug: c.req.valid('param').slug,
      revision: c.req.valid('query').revision,
      now: clock.now(),
    });
    const [decision] = await listPublishedDecisions(db, { campaignId: n.campaign.id });
    return c.json(presentNotice(n, config.publicBaseUrl, decision?.slug ?? null), 200);
  });

function csvRow(n: PublishedNotice, e: NoticeEntry, position: number): unknown[] {
  return [
    n.slug,
    n.revision,
    position,
    e.track,
    e.trackName,
    e.kind,
    e.number,
    e.name,
    e.organisation,
    e.sex,
    e.ethnicity,
    e.birth,
    e.nativePlace,
    e.politicalAffiliation,
    e.partyJoined,
    e.workStarted,
    e.education,
    e.degree,
    e.currentPost,
    e.headName,
    e.headTitle,
    n.content.showSummaries ? e.summary : '',
  ];
}

function presentSummary(
  n: PublishedNoticeSummary,
  base: string,
): z.infer<typeof noticeSummarySchema> {
  return {
    slug: n.slug,
    campaign: n.campaignSlug,
    year: n.year,
    serial: n.serial,
    title: n.title,
    periodStart: n.periodStart,
    periodEnd: n.periodEnd,
    workingDays: n.workingDays,
    status: n.status,
    ...summaryRevisionFields(n, `/notices/${n.slug}`, base),
  };
}

function presentNotice(
  n: PublishedNotice,
  base: string,
  decisionSlug: string | null,
): z.infer<typeof publicNoticeSchema> {
  const c = n.content;
  return {
    slug: n.slug,
    campaign: n.campaign.slug,
    year: n.campaign.year,
    serial: c.serial,
    title: c.title,
    lead: c.lead,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    workingDays: c.workingDays,
    status: n.status,
    ...documentRevisionFields(n, `/notices/${n.slug}`, base),
    csv: absoluteUrl(`/api/notices/${n.slug}.csv`, base),
    reportPhone: c.reportPhone,
    reportAddress: c.reportAddress,
    reportPostcode: c.reportPostcode,
    reportVisit: c.reportVisit,
    reportWeb: c.reportWeb,
    reportRules: c.reportRules,
    signature: c.signature,
    signedOn: c.signedOn,
    showPhotos: c.showPhotos,
    showSummaries: c.showSummaries,
    entryOrder: c.entryOrder,
    revisions: revisionLinks(n, `/notices/${n.slug}`, base),
    entries: c.entries.map((e) => ({
      ...e,
      summary: c.showSummaries ? e.summary : '',
      portraitUrl: e.portraitId ? absoluteUrl(`/api/media/${e.portraitId}`, base) : null,
    })),
    outcome: c.outcome ? { ...c.outcome, text: formatNoticeOutcome(c.outcome, c.entries) } : null,
    decision: decisionSlug ? absoluteUrl(`/decisions/${decisionSlug}`, base) : null,
  };
}
