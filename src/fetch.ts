/**
 * Request pipeline for `astro dev`: the same API app as production under /api, then Astro's
 * own pipeline for pages. In production src/server/main.ts answers /api before Astro is
 * reached and passes its services in `locals`, so nothing here opens a second database.
 */
import { Hono } from 'hono';
import { astro, getFetchState } from 'astro/hono';
import { devRuntime } from './server/dev-runtime.ts';

const app = new Hono();

app.all('/api/*', async (c) => (await devRuntime(process.env)).api.fetch(c.req.raw));

app.use(async (c, next) => {
  const state = getFetchState(c);
  if (!state.locals.services) state.locals.services = (await devRuntime(process.env)).services;
  await next();
});

app.use(astro());

export default app;
