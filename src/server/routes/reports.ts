import { createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie } from 'hono/cookie';
import { botTokenHash, claimBotToken } from '../../domain/ballots/claim-bot-token.ts';
import { localDay } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import { reportTimeZone } from '../../domain/reports/check-report-period.ts';
import { submitReport } from '../../domain/reports/submit-report.ts';
import { uiFor } from '../../i18n/ui.ts';
import { errorBodySchema, slugSchema } from '../../schemas/api.ts';
import { reportAcknowledgementSchema, reportRequestSchema } from '../../schemas/report.ts';
import { errorResponses, newRouter } from '../api-env.ts';
import { addressRateLimit, limitBody } from '../public-write-guards.ts';
import { requestLocale } from '../request-locale.ts';
import {
  addressHash,
  deviceCookieMaxAgeSeconds,
  deviceCookieName,
  deviceHash,
  newDeviceCookie,
  readDeviceCookie,
} from '../voter-identity.ts';

/** 1,000 Chinese characters are 3 KB of UTF-8 (6 KB escaped); anything much larger is not a report. */
const maxReportBytes = 16 * 1024;

const submitRoute = createRoute({
  method: 'post',
  path: '/notices/{slug}/reports',
  summary: 'Report a concern about a published notice during its publicity period',
  description:
    'Accepted only while the notice’s period is open (local dates in Asia/Shanghai, both inclusive). ' +
    'Needs a Cloudflare Turnstile token issued for the action `report`; tokens are single-use. ' +
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
    ...errorResponses(400, 403, 404, 413, 422),
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
  const { db, config, botCheck, clock, clientAddress } = c.var.deps;
  const body = c.req.valid('json');
  const { slug } = c.req.valid('param');
  const address = clientAddress(c);
  const now = clock.now();

  let device = readDeviceCookie(config.sessionSecret, getCookie(c, deviceCookieName));
  const fresh = device ? null : newDeviceCookie(config.sessionSecret, now);
  device ??= fresh!;

  const result = await submitReport(db, {
    noticeSlug: slug,
    candidateId: body.candidateId ?? null,
    content: body.content,
    name: body.name ? body.name : null,
    phone: body.phone ? body.phone : null,
    deviceHash: deviceHash(config.sessionSecret, device.deviceId),
    addressHash: addressHash(config.sessionSecret, address, localDay(now, reportTimeZone)),
    now,
    passBotCheck: async () => {
      // A live token is single-use: a replay is refused here without a call to Cloudflare.
      // (Test mode's dummy token is the same every time by design, so it is not claimed.)
      if (
        botCheck.mode === 'live' &&
        !(await claimBotToken(db, botTokenHash(body.turnstileToken), now))
      ) {
        throw new DomainError('bot_check_failed', 'report_bot_check_failed', {
          codes: ['token-already-used'],
        });
      }
      const check = await botCheck.verify({
        token: body.turnstileToken,
        remoteIp: address,
        action: 'report',
      });
      if (!check.ok) {
        throw new DomainError('bot_check_failed', 'report_bot_check_failed', {
          codes: check.codes,
        });
      }
    },
  });

  // The cookie is set only once a report is taken, so refused requests leave nothing behind.
  if (fresh) {
    setCookie(c, deviceCookieName, fresh.value, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.publicBaseUrl.startsWith('https:'),
      path: '/',
      maxAge: deviceCookieMaxAgeSeconds,
    });
  }
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
