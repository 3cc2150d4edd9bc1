import { createRoute } from '@hono/zod-openapi';
import { healthSchema } from '#src/schemas/api.ts';
import { newRouter } from '../new-router.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and database reachability',
  responses: {
    200: {
      description: 'The database answers.',
      content: { 'application/json': { schema: healthSchema } },
    },
    503: {
      description: 'The database does not answer.',
      content: { 'application/json': { schema: healthSchema } },
    },
  },
});

export const healthRoutes = newRouter().openapi(healthRoute, async (c) => {
  c.header('Cache-Control', 'no-store');
  const ok = await c.var.deps.probeDatabase();
  return ok
    ? c.json({ status: 'ok' as const }, 200)
    : c.json({ status: 'unavailable' as const }, 503);
});
