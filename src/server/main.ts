/**
 * The production server. A thin Hono server answers the API and the hashed assets itself and
 * hands every other request to Astro's build through the Node adapter's middleware handler, so
 * the vote path never pays for page rendering (README, "Architecture").
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { loadConfigOrExit, prepareServices } from './bootstrap.ts';
import { createApi } from './create-api.ts';

type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
  locals: App.Locals,
) => Promise<void>;

const config = loadConfigOrExit(process.env);
const entry = resolve('dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error('No build found (dist/server/entry.mjs). Run `npm run build` or `npm start`.');
  process.exit(1);
}
const services = await prepareServices(config);
const { handler } = (await import(pathToFileURL(entry).href)) as { handler: AstroHandler };

const api = createApi({
  db: services.dbHandle.db,
  config,
  botCheck: services.botCheck,
  clock: services.clock,
});

const app = new Hono<{ Bindings: HttpBindings }>();
// Hashed file names: a changed file gets a new name, so these can be cached for a year.
app.use(
  '/_astro/*',
  serveStatic({
    root: 'dist/client',
    onFound: (_path, c) => {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  }),
);
app.use(
  '*',
  serveStatic({
    root: 'dist/client',
    onFound: (_path, c) => {
      c.header('Cache-Control', 'public, max-age=3600');
    },
  }),
);
app.all('*', async (c) => {
  const locals = { services } as App.Locals;
  await handler(
    c.env.incoming,
    c.env.outgoing,
    (err) => {
      if (err) console.error(err);
      if (!c.env.outgoing.headersSent) c.env.outgoing.writeHead(404).end();
    },
    locals,
  );
  return RESPONSE_ALREADY_SENT;
});

/** True when the request's path starts with /api/, read off the URL string without parsing it. */
function isApiRequest(url: string): boolean {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  return pathStart !== -1 && url.startsWith('/api/', pathStart);
}

// The API is answered before the page app's router is consulted at all.
const fetch = (req: Request, env: HttpBindings | Http2Bindings) =>
  isApiRequest(req.url) ? api.fetch(req, env) : app.fetch(req, env);

const server = serve({ fetch, hostname: config.host, port: config.port }, (info) => {
  console.log(
    `Listening on http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port} (public URL ${config.publicBaseUrl})`,
  );
});

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(
      `Port ${config.port} on ${config.host} is in use. Stop the other server or set PORT.`,
    );
  } else {
    console.error(err);
  }
  services.dbHandle.close();
  process.exit(1);
});

function shutdown(signal: string) {
  console.log(`${signal}: closing…`);
  server.close(() => {
    services.dbHandle.close();
    process.exit(0);
  });
  // Keep-alive connections would hold the server open; give in-flight requests 10 s.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
