import { createRoute } from '@hono/zod-openapi';
import { healthSchema } from '#src/schemas/api.ts';
import { newRouter } from '../new-router.ts';
import { jsonResponse } from '../openapi-responses.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and database reachability',
  responses: {
    200: jsonResponse(healthSchema, 'The database answers.'),
    503: jsonResponse(healthSchema, 'The database does not answer.'),
  },
});

export const healthRoutes = newRouter().openapi(healthRoute, async (c) => {
  c.header('Cache-Control', 'no-store');
  const ok = await c.var.deps.probeDatabase();
  return ok
    ? c.json({ status: 'ok' as const }, 200)
    : c.json({ status: 'unavailable' as const }, 503);
});
