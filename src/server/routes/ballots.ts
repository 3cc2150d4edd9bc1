import { createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { castBallot } from '../../domain/ballots/cast-ballot.ts';
import { getReceipt } from '../../domain/ballots/get-receipt.ts';
import { localDay } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  ballotReceiptSchema,
  ballotRequestSchema,
  receiptStatusSchema,
} from '../../schemas/api.ts';
import { errorResponses, newRouter } from '../api-env.ts';
import {
  addressHash,
  deviceCookieMaxAgeSeconds,
  deviceCookieName,
  deviceHash,
  newDeviceCookie,
  readDeviceCookie,
} from '../voter-identity.ts';

/** A ballot with 200 picks is under 4 KB; anything much larger is not a ballot. */
const maxBallotBytes = 16 * 1024;

const castRoute = createRoute({
  method: 'post',
  path: '/ballots',
  summary: 'Cast a ballot in one track',
  description:
    'Needs a Cloudflare Turnstile token issued for the action `ballot`. A device cookie is set on first use. ' +
    'Limits per device and per network address per day are enforced by the database.',
  request: {
    body: { required: true, content: { 'application/json': { schema: ballotRequestSchema } } },
  },
  responses: {
    201: {
      description: 'The ballot was counted.',
      content: { 'application/json': { schema: ballotReceiptSchema } },
    },
    ...errorResponses(400, 403, 404, 409, 413, 422, 429),
  },
});

const receiptRoute = createRoute({
  method: 'get',
  path: '/receipts/{code}',
  summary: 'Whether the ballot with this receipt code is counted',
  request: { params: z.object({ code: z.string().min(1).max(40) }) },
  responses: {
    200: {
      description: 'The ballot’s status.',
      content: { 'application/json': { schema: receiptStatusSchema } },
    },
    ...errorResponses(400, 404),
  },
});

export const ballotRoutes = newRouter();

ballotRoutes.use(
  '/ballots',
  bodyLimit({
    maxSize: maxBallotBytes,
    onError: () => {
      throw new DomainError('payload_too_large');
    },
  }),
);

ballotRoutes
  .openapi(castRoute, async (c) => {
    const { db, config, botCheck, clock, clientAddress } = c.var.deps;
    const body = c.req.valid('json');
    const address = clientAddress(c);

    // Validated, not yet written: the bot check comes now, before anything is stored.
    const check = await botCheck.verify({
      token: body.turnstileToken,
      remoteIp: address,
      action: 'ballot',
    });
    if (!check.ok)
      throw new DomainError('bot_check_failed', 'bot_check_failed', { codes: check.codes });

    let deviceId = readDeviceCookie(config.sessionSecret, getCookie(c, deviceCookieName));
    if (!deviceId) {
      const cookie = newDeviceCookie(config.sessionSecret);
      deviceId = cookie.deviceId;
      setCookie(c, deviceCookieName, cookie.value, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.publicBaseUrl.startsWith('https:'),
        path: '/',
        maxAge: deviceCookieMaxAgeSeconds,
      });
    }
    const now = clock.now();
    const result = await castBallot(db, {
      campaignSlug: body.campaign,
      trackSlug: body.track,
      candidateIds: body.candidates,
      deviceHash: deviceHash(config.sessionSecret, deviceId),
      // Keyed per calendar day in China; the campaign's own zone only decides the vote's day.
      addressHash: addressHash(config.sessionSecret, address, localDay(now, 'Asia/Shanghai')),
      now,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        receipt: result.receipt,
        castAt: result.castAt.toISOString(),
        campaign: result.campaign,
        track: result.track,
        candidates: result.candidateIds,
        remainingToday: result.remainingToday,
        nextBallotAt: result.nextBallotAt.toISOString(),
      },
      201,
    );
  })
  .openapi(receiptRoute, async (c) => {
    const r = await getReceipt(c.var.deps.db, c.req.valid('param').code);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        receipt: r.receipt,
        status: r.status,
        ...(r.reasonCategory ? { reasonCategory: r.reasonCategory } : {}),
        castAt: r.castAt.toISOString(),
      },
      200,
    );
  });
