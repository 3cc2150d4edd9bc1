/**
 * The siteverify stand-in for `npm run bench`, in a process of its own: the ballot benchmark runs
 * the production server in live bot-check mode against it, and it must not share a thread with
 * the load generator or the server it answers.
 *
 * It is test/helpers/siteverify-stand-in.ts (Cloudflare's contract: secret, single-use tokens,
 * idempotency keys) with one addition: every token that starts with `bench-` counts as issued on
 * `bench.localhost` for the action `ballot`, since run-bench.ts mints them in another process.
 * A token is still accepted once only; a second use answers `timeout-or-duplicate`.
 *
 * Environment (all optional): SITEVERIFY_SECRET, the secret the production server must send
 * (default `bench-siteverify-secret`); SITEVERIFY_ACCEPT_PREFIX (`bench-`) and
 * SITEVERIFY_ACCEPT_HOSTNAME (`bench.localhost`). Prints `listening <port>` once it serves on 127.0.0.1; its path is
 * /turnstile/v0/siteverify. run-bench.ts ends it with SIGTERM.
 */
import { startSiteverifyStandIn } from '../helpers/siteverify-stand-in.ts';

const standIn = await startSiteverifyStandIn(
  process.env.SITEVERIFY_SECRET || 'bench-siteverify-secret',
  {
    acceptPrefix: {
      prefix: process.env.SITEVERIFY_ACCEPT_PREFIX || 'bench-',
      hostname: process.env.SITEVERIFY_ACCEPT_HOSTNAME || 'bench.localhost',
      action: 'ballot',
    },
  },
);

// Every call is kept for the tests' assertions; nobody reads them here, so keep none.
setInterval(() => {
  standIn.calls.length = 0;
}, 1000).unref();

console.log(`listening ${new URL(standIn.url).port}`);

process.once('SIGTERM', () => {
  void standIn.close().then(() => process.exit(0));
  // Keep-alive connections from the production server could hold close() open.
  setTimeout(() => process.exit(0), 2000).unref();
});
