/**
 * The baseline for `npm run bench`: the production server's health route answered by a bare Hono
 * app on @hono/node-server, with no database, no middleware and no Astro. What the production
 * server keeps of this figure is the price of everything it adds on the way to the same answer.
 *
 * It also answers GET /static/<n> with n bytes held in memory (incompressible, sent as they are):
 * the same number of bytes a cached page sends, so a page's figure can be compared with a static
 * file of its size served by the bare server, the client's work of reading the bytes included.
 *
 * run-bench.ts starts it in a child process with PORT and HOST, and ends it with SIGTERM (Node's
 * default handling is enough: there is nothing to flush).
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';

const bodies = new Map<number, Uint8Array<ArrayBuffer>>();
const app = new Hono()
  .get('/api/health', (c) => c.json({ status: 'ok' }))
  .get('/static/:bytes{[0-9]{1,7}}', (c) => {
    const size = Number(c.req.param('bytes'));
    let body = bodies.get(size);
    if (!body) bodies.set(size, (body = new Uint8Array(randomBytes(size))));
    return c.body(body, 200, { 'content-type': 'text/html; charset=utf-8' });
  });

serve(
  { fetch: app.fetch, hostname: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT) },
  (info) => console.log(`Bare hello server on http://${info.address}:${info.port}`),
);
