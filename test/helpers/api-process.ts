/**
 * One API server process over a shared database file, for tests that need several processes:
 * `node test/helpers/api-process.ts` with DATABASE_URL and SESSION_SECRET set. Prints
 * `listening <port>` once it serves. The client address comes from `x-test-client` and the bot
 * check is the real ALTCHA check at its cheapest, as in testApi; everything else is the
 * production API. Processes that share SESSION_SECRET accept each other's proofs.
 */
import { serve } from '@hono/node-server';
import type { Context } from 'hono';
import type { AddressInfo } from 'node:net';
import { createDb } from '#src/db/client.ts';
import { systemClock } from '#src/domain/clock.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import { cheapAltcha } from './bot-proof.ts';

const config = parseConfig({ ...process.env, BALLOT_RATE_PER_MINUTE: '100000' });
const handle = await createDb({ url: config.databaseUrl });
const api = createApi({
  db: handle.db,
  config,
  clock: systemClock,
  botCheck: cheapAltcha(config.sessionSecret),
  clientAddress: (c: Context) => c.req.header('x-test-client') ?? '203.0.113.1',
});
const server = serve({ fetch: api.fetch, hostname: '127.0.0.1', port: 0 }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
