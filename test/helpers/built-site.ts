/**
 * The built site (`dist/`, made by ensureBuild) served in this process over a test database: the
 * production front server, page cache and API, on a fixed clock, at a free local port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { TestDb } from './test-db.ts';
import type { Clock } from '#src/domain/clock.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import { createFrontServer, type AstroHandler } from '#src/server/front-server.ts';
import { readInlineScriptHashes } from '#src/server/security-headers.ts';
import { cheapAltcha } from './bot-proof.ts';
import { ensureBuild } from './site-process.ts';
import { testSecret } from './test-api.ts';

export interface BuiltSite {
  /** The site's origin, `http://127.0.0.1:<port>`. */
  base: string;
  close(): Promise<void>;
}

/** Serves the built site over `db` at `clock`, with `env` added to the configuration. */
export async function serveBuiltSite(
  db: TestDb,
  clock: Clock,
  env: Record<string, string> = {},
): Promise<BuiltSite> {
  await ensureBuild();
  const { handler: astroHandler } = (await import(
    pathToFileURL(resolve('dist/server/entry.mjs')).href
  )) as { handler: AstroHandler };
  const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret, ...env });
  const services = { config, dbHandle: db, botCheck: cheapAltcha(testSecret), clock };
  const front = createFrontServer({
    services,
    api: createApi({ db: db.db, config, botCheck: services.botCheck, clock }),
    astroHandler,
    config,
    clientDir: 'dist/client',
    inlineScriptHashes: readInlineScriptHashes(resolve('dist/server')),
  });
  const server = await new Promise<Server>((done) => {
    const s = serve({ fetch: front.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      done(s as Server),
    ) as Server;
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
