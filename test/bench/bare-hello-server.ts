/**
 * The baseline for `npm run bench`: the production server's health route answered by a bare Hono
 * app on @hono/node-server, with no database, no middleware and no Astro. What the production
 * server keeps of this figure is the price of everything it adds on the way to the same answer.
 *
 * run-bench.ts starts it in a child process with PORT and HOST, and ends it with SIGTERM (Node's
 * default handling is enough: there is nothing to flush).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().get('/api/health', (c) => c.json({ status: 'ok' }));

serve(
  { fetch: app.fetch, hostname: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT) },
  (info) => console.log(`Bare hello server on http://${info.address}:${info.port}`),
);
