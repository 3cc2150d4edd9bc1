/**
 * The production server: reads the configuration, prepares the database and the build, wires
 * the front server (src/server/front-server.ts) to a port and shuts down gracefully.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { loadConfigOrExit, prepareServices } from './bootstrap.ts';
import { createApi } from './create-api.ts';
import { createFrontServer, type AstroHandler } from './front-server.ts';
import { refuseMalformedRequests } from './refuse-malformed-requests.ts';
import { readInlineScriptHashes } from './security-headers.ts';

/** How long requests in flight may take to finish after SIGTERM before the process gives up. */
const shutdownGraceMs = 10_000;

const config = loadConfigOrExit(process.env);
const entry = resolve('dist/server/entry.mjs');
if (!existsSync(entry)) {
  console.error('No build found (dist/server/entry.mjs). Run `npm run build` or `npm start`.');
  process.exit(1);
}
let inlineScriptHashes: string[];
try {
  inlineScriptHashes = readInlineScriptHashes(resolve('dist/server'));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
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
const front = createFrontServer({
  services,
  api,
  astroHandler: handler,
  config,
  clientDir: 'dist/client',
  inlineScriptHashes,
});

// Plain HTTP/1.1 (no createServer option), so this is a node:http Server.
const fetch = refuseMalformedRequests(front.fetch);
const server = serve({ fetch, hostname: config.host, port: config.port }, (info) => {
  console.log(
    `Listening on http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port} (public URL ${config.publicBaseUrl})`,
  );
}) as Server;

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(
      `Port ${config.port} on ${config.host} is in use. Stop the other server or set PORT.`,
    );
  } else {
    console.error(err);
  }
  void exit(1);
});

/**
 * Closes the database, whose background checkpoint runs on a thread of its own that must stop
 * before the process goes (src/db/background-checkpoint.ts), then exits; 2 s at most.
 */
async function exit(code: number): Promise<never> {
  await Promise.race([
    services.dbHandle.close(),
    new Promise((resolve) => setTimeout(resolve, 2000).unref()),
  ]);
  process.exit(code);
}

let stopping = false;

/**
 * Stops accepting connections, lets the requests in flight finish, then closes the database
 * (only once no handler can use it any more) and exits 0. Keep-alive connections would hold
 * `close()` open until their idle timeout, so idle ones are closed at once and whenever a
 * response leaves one idle, and every response from now on asks its client to close. What has
 * not finished after 10 s is cut off: exit 1. A second signal exits at once.
 */
function shutdown(signal: string) {
  if (stopping) {
    console.error(`${signal} again: exiting without waiting.`);
    void exit(1);
    return;
  }
  stopping = true;
  console.log(`${signal}: closing; requests in flight may take up to ${shutdownGraceMs / 1000} s…`);
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  server.close(() => {
    console.log('Closed.');
    void exit(0);
  });
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => {
    console.error(`Requests still in flight after ${shutdownGraceMs / 1000} s: exiting.`);
    void exit(1);
  }, shutdownGraceMs).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
