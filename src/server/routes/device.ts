import { createRoute } from '@hono/zod-openapi';
import { newRouter } from '../new-router.ts';
import { issueDevice } from '../identify-voter.ts';

const deviceRoute = createRoute({
  method: 'get',
  path: '/device',
  summary: 'Get a device cookie before sending a ballot or a report',
  description:
    'Sets the signed device cookie `voter` (HttpOnly, SameSite=Lax, Secure over HTTPS) when the ' +
    'request has no valid one, and answers 204 without a body either way. Ballots and reports ' +
    'without it are refused with 428 `device_required`. The cookie holds a random id and when it ' +
    'was issued; the database keeps only a keyed hash of the id.',
  responses: {
    204: { description: 'The request has (now) a device cookie.' },
  },
});

export const deviceRoutes = newRouter();

deviceRoutes.openapi(deviceRoute, (c) => {
  issueDevice(c);
  c.header('Cache-Control', 'no-store');
  return c.body(null, 204);
});
