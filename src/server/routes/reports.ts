import { createRoute, z } from '@hono/zod-openapi';
import { reportTimeZone } from '#src/domain/reports/check-report-period.ts';
import { checkReportStatus } from '#src/domain/reports/check-report-status.ts';
import { submitReport } from '#src/domain/reports/submit-report.ts';
import { localizeText } from '#src/i18n/localize-content.ts';
import { uiFor } from '#src/i18n/ui.ts';
import { errorBodySchema, slugSchema } from '#src/schemas/api.ts';
import {
  reportAcknowledgementSchema,
  reportRequestSchema,
  reportStatusRequestSchema,
  reportStatusSchema,
} from '#src/schemas/report.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import { publicWriter } from '../identify-voter.ts';
import { addressRateLimit, limitBody } from '../request-guards.ts';
import { requestLocale } from '../request-locale.ts';

/** 1,000 Chinese characters are 3 KB of UTF-8 (6 KB escaped); anything much larger is not a report. */
const maxReportBytes = 16 * 1024;

const submitRoute = createRoute({
  method: 'post',
  path: '/notices/{slug}/reports',
  summary: 'Report a concern about a published notice during its publicity period',
  description:
    'Accepted only while the notice’s period is open (local dates in Asia/Shanghai, both inclusive). ' +
    'Needs the device cookie from `GET /api/device` and a bot-check proof for the action `report` ' +
    'in `botCheck` (see `POST /api/ballots`); a proof is used once. ' +
    'At most 5 reports per device and day, held by the database. Reports are never public: ' +
    'the answer carries a check code, shown once, with which the reporter (and no one else) ' +
    'reads the status and the reply through `POST /api/reports/status`; the text is never read back.',
  request: {
    params: z.object({ slug: slugSchema.meta({ example: '2025-1' }) }),
    body: { required: true, content: { 'application/json': { schema: reportRequestSchema } } },
  },
  responses: {
    201: jsonResponse(reportAcknowledgementSchema, 'The report was received; keep the reference.'),
    ...errorResponses(400, 403, 404, 413, 422, 428),
    409: jsonResponse(
      errorBodySchema,
      'The publicity period has not started (`report_period_not_started`) or has ended (`report_period_ended`); `details` has `periodStart` and `periodEnd`.',
    ),
    429: jsonResponse(
      errorBodySchema,
      'This device has sent its 5 reports today (`report_daily_limit`), or this address its 20 (`report_address_limit`), both with `details.nextReportAt`; or too many requests from this address (`rate_limited`). All with Retry-After.',
    ),
  },
});

/** Reports from the public during a publicity period. Documented in the OpenAPI document. */
export const reportRoutes = newRouter();

reportRoutes.use('/notices/:slug/reports', limitBody(maxReportBytes), addressRateLimit());

reportRoutes.openapi(submitRoute, async (c) => {
  const { db } = c.var.deps;
  const body = c.req.valid('json');
  const { slug } = c.req.valid('param');
  const { voter, now, botCheck } = await publicWriter(c, reportTimeZone, 'report', body);
  const result = await submitReport(db, {
    noticeSlug: slug,
    candidateId: body.candidateId ?? null,
    content: body.content,
    name: body.name ? body.name : null,
    phone: body.phone ? body.phone : null,
    deviceHash: voter.deviceHash,
    addressHash: voter.addressHash,
    botCheck,
    now,
  });
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      reference: result.reference,
      checkCode: result.checkCode,
      receivedAt: result.receivedAt.toISOString(),
      message: uiFor(requestLocale(c))['report.received'](result.reference),
    },
    201,
  );
});

const statusRoute = createRoute({
  method: 'post',
  path: '/reports/status',
  summary: 'The status of a report and the supervisors’ reply, for its reporter',
  description:
    'Needs both the reference and the check code given when the report was sent (spaces and case ' +
    'ignored). A wrong code and an unknown reference get the same 404 `report_status_not_found`. ' +
    'The report’s text, name and phone are never returned. Sent as POST so that the codes stay ' +
    'out of addresses and logs; counted by the per-address request limit.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: reportStatusRequestSchema } },
    },
  },
  responses: {
    200: jsonResponse(
      reportStatusSchema,
      'Where the report stands; the finding and the reply once it is concluded.',
    ),
    ...errorResponses(400, 404, 413, 429),
  },
});

reportRoutes.use('/reports/status', limitBody(1024), addressRateLimit());

reportRoutes.openapi(statusRoute, async (c) => {
  const { db } = c.var.deps;
  const body = c.req.valid('json');
  const view = await checkReportStatus(db, {
    reference: body.reference,
    checkCode: body.checkCode,
  });
  const locale = requestLocale(c);
  const t = uiFor(locale);
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      reference: view.reference,
      notice: { ...view.notice, title: localizeText(view.notice.title, locale) },
      status: view.status,
      statusText: t[`status.${view.status}`],
      receivedAt: view.receivedAt.toISOString(),
      verifyingSince: view.verifyingSince?.toISOString() ?? null,
      concludedAt: view.concludedAt?.toISOString() ?? null,
      finding: view.finding,
      findingText: view.finding ? t[`finding.${view.finding}`] : null,
      reply: view.reply === null ? null : localizeText(view.reply, locale),
    },
    200,
  );
});
