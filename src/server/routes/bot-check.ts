import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '#src/domain/errors.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import { botCheckActions } from '../bot-check/bot-check.ts';
import { addressRateLimit } from '../request-guards.ts';

const challengeSchema = z
  .object({
    parameters: z.object({
      algorithm: z.string().meta({ example: 'ARGON2ID' }),
      nonce: z.string(),
      salt: z.string(),
      cost: z.int(),
      keyLength: z.int(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      memoryCost: z.int().optional(),
      parallelism: z.int().optional(),
      data: z.object({
        action: z.enum(botCheckActions),
        expires: z
          .int()
          .meta({ description: 'Seconds since 1970; the challenge is refused after.' }),
      }),
    }),
    signature: z.string(),
  })
  .meta({ id: 'BotCheckChallenge' });

const challengeRoute = createRoute({
  method: 'get',
  path: '/bot-check/challenge',
  summary: 'A proof-of-work challenge for the self-hosted bot check (ALTCHA)',
  description:
    'An ALTCHA v2 challenge (Argon2id), signed by the site, for one action; it expires after five ' +
    'minutes and can be solved and used once. The `altcha` widget fetches it, solves it in the ' +
    'browser and hands its payload to the form, which sends it as `botCheck`. Answers 404 when ' +
    'the site uses Cloudflare Turnstile instead.',
  request: { query: z.object({ action: z.enum(botCheckActions) }) },
  responses: {
    200: jsonResponse(challengeSchema, 'The challenge.'),
    ...errorResponses(400, 404, 429),
  },
});

export const botCheckRoutes = newRouter();

// Making a challenge costs the server one Argon2id evaluation: a rate per address bounds it.
botCheckRoutes.use('/bot-check/challenge', addressRateLimit());

botCheckRoutes.openapi(challengeRoute, async (c) => {
  const { botCheck, clock } = c.var.deps;
  if (!botCheck.challenge) throw new DomainError('not_found', 'route_not_found');
  const challenge = await botCheck.challenge(c.req.valid('query').action, clock.now());
  c.header('Cache-Control', 'no-store');
  return c.json(challenge as z.infer<typeof challengeSchema>, 200);
});
