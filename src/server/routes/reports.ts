import { createRoute, z } from '@hono/zod-openapi';
import { reportTimeZone } from '../../domain/reports/check-report-period.ts';
import { submitReport } from '../../domain/reports/submit-report.ts';
import { uiFor } from '../../i18n/ui.ts';
import { errorBodySchema, slugSchema } from '../../schemas/api.ts';
import { reportAcknowledgementSchema, reportRequestSchema } from '../../schemas/report.ts';
import { proofOfRequest } from '../../schemas/bot-check.ts';
import { errorResponses, newRouter } from '../api-env.ts';
import { identifyVoter } from '../identify-voter.ts';
import { addressRateLimit, limitBody } from '../public-write-guards.ts';
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
    'there is no way to read one back through this API.',
  request: {
    params: z.object({ slug: slugSchema.meta({ example: '2025-1' }) }),
    body: { required: true, content: { 'application/json': { schema: reportRequestSchema } } },
  },
  responses: {
    201: {
      description: 'The report was received; keep the reference.',
      content: { 'application/json': { schema: reportAcknowledgementSchema } },
    },
    ...errorResponses(400, 403, 404, 413, 422, 428),
    409: {
      description:
        'The publicity period has not started (`report_period_not_started`) or has ended (`report_period_ended`); `details` has `periodStart` and `periodEnd`.',
      content: { 'application/json': { schema: errorBodySchema } },
    },
    429: {
      description:
        'This device has sent its 5 reports today (`report_daily_limit`), or this address its 20 (`report_address_limit`), both with `details.nextReportAt`; or too many requests from this address (`rate_limited`). All with Retry-After.',
      content: { 'application/json': { schema: errorBodySchema } },
    },
  },
});

/** Reports from the public during a publicity period. Documented in the OpenAPI document. */
export const reportRoutes = newRouter();

reportRoutes.use('/notices/:slug/reports', limitBody(maxReportBytes), addressRateLimit());

reportRoutes.openapi(submitRoute, async (c) => {
  const { db, botCheck, clock } = c.var.deps;
  const body = c.req.valid('json');
  const { slug } = c.req.valid('param');
  const voter = await identifyVoter(c, reportTimeZone);
  const now = clock.now();
  const result = await submitReport(db, {
    noticeSlug: slug,
    candidateId: body.candidateId ?? null,
    content: body.content,
    name: body.name ? body.name : null,
    phone: body.phone ? body.phone : null,
    deviceHash: voter.deviceHash,
    addressHash: voter.addressHash,
    botCheck: botCheck.proofOf({
      proof: proofOfRequest(body),
      remoteIp: voter.address,
      action: 'report',
      now,
    }),
    now,
  });
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      reference: result.reference,
      receivedAt: result.receivedAt.toISOString(),
      message: uiFor(requestLocale(c))['report.received'](result.reference),
    },
    201,
  );
});
