import { createRoute, z } from '@hono/zod-openapi';
import { getCookie, setCookie } from 'hono/cookie';
import { castBallot } from '../../domain/ballots/cast-ballot.ts';
import {
  botTokenHash,
  claimBotToken,
  isBotTokenUsed,
} from '../../domain/ballots/claim-bot-token.ts';
import { getReceipt } from '../../domain/ballots/get-receipt.ts';
import { localDay } from '../../domain/clock.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  ballotReceiptSchema,
  ballotRequestSchema,
  receiptStatusSchema,
} from '../../schemas/api.ts';
import { errorResponses, newRouter } from '../api-env.ts';
import { addressRateLimit, limitBody } from '../public-write-guards.ts';
import {
  addressHash,
  deviceCookieMaxAgeSeconds,
  deviceCookieName,
  deviceHash,
  networkHash,
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

ballotRoutes.use('/ballots', limitBody(maxBallotBytes), addressRateLimit());

ballotRoutes
  .openapi(castRoute, async (c) => {
    const { db, config, botCheck, clock, clientAddress } = c.var.deps;
    const body = c.req.valid('json');
    const address = clientAddress(c);

    const now = clock.now();

    // Validated, not yet written: the bot check comes now, before anything is stored. A live
    // token is single-use: a replay is refused here without a call to Cloudflare, and the token
    // is marked used whatever becomes of it (here on a failed check, else by castBallot).
    // (Test mode's dummy token is the same every time by design, so it is not claimed.)
    const tokenHash = botCheck.mode === 'live' ? botTokenHash(body.turnstileToken) : null;
    if (tokenHash !== null && (await isBotTokenUsed(db, tokenHash))) {
      throw new DomainError('bot_check_failed', 'bot_check_failed', {
        codes: ['token-already-used'],
      });
    }
    const check = await botCheck.verify({
      token: body.turnstileToken,
      remoteIp: address,
      action: 'ballot',
    });
    if (!check.ok) {
      if (tokenHash !== null) await claimBotToken(db, tokenHash, now);
      throw new DomainError('bot_check_failed', 'bot_check_failed', { codes: check.codes });
    }

    let device = readDeviceCookie(config.sessionSecret, getCookie(c, deviceCookieName));
    if (!device) {
      const cookie = newDeviceCookie(config.sessionSecret, now);
      device = cookie;
      setCookie(c, deviceCookieName, cookie.value, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.publicBaseUrl.startsWith('https:'),
        path: '/',
        maxAge: deviceCookieMaxAgeSeconds,
      });
    }
    // Address keys rotate with the calendar day in China; the campaign's zone decides the vote's day.
    const keyDay = localDay(now, 'Asia/Shanghai');
    const result = await castBallot(db, {
      campaignSlug: body.campaign,
      trackSlug: body.track,
      candidateIds: body.candidates,
      deviceHash: deviceHash(config.sessionSecret, device.deviceId),
      deviceIssuedAt: device.issuedAt,
      addressHash: addressHash(config.sessionSecret, address, keyDay),
      networkHash: networkHash(config.sessionSecret, address, keyDay),
      botTokenHash: tokenHash,
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
