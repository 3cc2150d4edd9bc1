import { createRoute, z } from '@hono/zod-openapi';
import { castBallot } from '#src/domain/ballots/cast-ballot.ts';
import { getReceipt } from '#src/domain/ballots/get-receipt.ts';
import { ballotReceiptSchema, ballotRequestSchema, receiptStatusSchema } from '#src/schemas/api.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import { publicWriter } from '../identify-voter.ts';
import { addressRateLimit, limitBody } from '../request-guards.ts';
import { chinaTimeZone } from '#src/domain/china-time.ts';

/** A ballot with 200 picks is under 4 KB; anything much larger is not a ballot. */
const maxBallotBytes = 16 * 1024;

/** Address keys rotate with the calendar day in China. */
const addressKeyZone = chinaTimeZone;

const castRoute = createRoute({
  method: 'post',
  path: '/ballots',
  summary: 'Cast a ballot in one track',
  description:
    'Needs the device cookie from `GET /api/device` and a bot-check proof for the action ' +
    '`ballot` in `botCheck`: the ALTCHA payload of a challenge from `GET /api/bot-check/challenge`, ' +
    'or a Cloudflare Turnstile token where the site uses Turnstile. A proof is used once. Limits ' +
    'per device and per network address per day are enforced by the database.',
  request: {
    body: { required: true, content: { 'application/json': { schema: ballotRequestSchema } } },
  },
  responses: {
    201: jsonResponse(ballotReceiptSchema, 'The ballot was counted.'),
    ...errorResponses(400, 403, 404, 409, 413, 422, 428, 429),
  },
});

const receiptRoute = createRoute({
  method: 'get',
  path: '/receipts/{code}',
  summary: 'Whether the ballot with this receipt code is counted',
  request: { params: z.object({ code: z.string().min(1).max(40) }) },
  responses: {
    200: jsonResponse(receiptStatusSchema, 'The ballot’s status.'),
    ...errorResponses(400, 404),
  },
});

export const ballotRoutes = newRouter();

ballotRoutes.use('/ballots', limitBody(maxBallotBytes), addressRateLimit());

ballotRoutes
  .openapi(castRoute, async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const { voter, now, botCheck } = await publicWriter(c, addressKeyZone, 'ballot', body);
    const result = await castBallot(db, {
      campaignSlug: body.campaign,
      trackSlug: body.track,
      candidateIds: body.candidates,
      ...voter,
      botCheck,
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
    const { db, clock } = c.var.deps;
    const r = await getReceipt(db, c.req.valid('param').code, clock.now());
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        receipt: r.receipt,
        status: r.status,
        ...(r.reasonCategory ? { reasonCategory: r.reasonCategory } : {}),
        castAt: r.castAt.toISOString(),
        campaign: { slug: r.campaign.slug, title: r.campaign.title },
        track: { slug: r.track.slug, name: r.track.name },
        picks: r.picks,
        nextBallotAt: r.nextBallotAt?.toISOString() ?? null,
      },
      200,
    );
  });
