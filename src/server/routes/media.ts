import { createRoute, z } from '@hono/zod-openapi';
import { getMedia } from '#src/domain/media/get-media.ts';
import { errorResponses } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';

const mediaRoute = createRoute({
  method: 'get',
  path: '/media/{id}',
  summary: 'An image (portrait or photo) by its content hash',
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') }) },
  responses: {
    200: {
      description: 'The image; immutable, cached for a year.',
      content: { 'image/*': { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
    },
    ...errorResponses(400, 404),
  },
});

export const mediaRoutes = newRouter().openapi(mediaRoute, async (c) => {
  const m = await getMedia(c.var.deps.db, c.req.valid('param').id);
  return c.body(new Uint8Array(m.bytes), 200, {
    'Content-Type': m.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    // An SVG opened on its own must not run script.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
});
