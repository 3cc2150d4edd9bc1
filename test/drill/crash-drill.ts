/**
 * `npm run drill:crash`: does the site keep its promises when the process dies, and does it
 * stop cleanly when asked?
 *
 * 1. Crash. The production server (src/server/main.ts, the self-hosted bot check) takes
 *    ballots from 32 concurrent clients, each a new device with a solved proof from its own
 *    address; mid-run it is killed with SIGKILL and started again on the same database. Every ballot that was answered 201 must be
 *    counted (its receipt, through the API, and its row, read directly), SQLite's integrity
 *    check must say `ok`, the tallies must match the counted picks (as `npm run tally:verify`),
 *    and the database must hold no ballot nobody sent: acknowledged ≤ new ballots ≤
 *    acknowledged + unanswered.
 * 2. Graceful shutdown. Ballots and page requests are held half-sent, so they are in flight;
 *    then SIGTERM. New connections must be refused, the held requests must complete with 2xx
 *    (asked to close their connection), the process must exit 0, and the ballots must be kept.
 * 3. The limit of that grace: a request that never completes is cut off after 10 s, and the
 *    process exits 1.
 *
 * DRILL_SECONDS sets how long ballots flow before the kill (default 5). All traffic goes to
 * 127.0.0.1; X-Forwarded-For carries addresses of 198.18.0.0/15 as header strings only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ballotBody,
  credentialsFor,
  benchAddress,
  checkReceipts,
  readCandidateIds,
  startBallotLoad,
} from './ballot-load.ts';
import { inspectDatabase } from './database-checks.ts';
import { DrillReport, sleep, within } from './drill-report.ts';
import { holdBallot, holdPage } from './held-requests.ts';
import {
  ensureBuild,
  startSite,
  statusOf,
  stopAllSites,
  type Site,
} from '../helpers/site-process.ts';
import { runMain } from '../helpers/run-main.ts';

const loadSeconds = Number(process.env.DRILL_SECONDS ?? 5);
if (!Number.isFinite(loadSeconds) || loadSeconds <= 0 || loadSeconds > 60) {
  console.error('DRILL_SECONDS must be a number of seconds from 0 to 60.');
  process.exit(2);
}
const concurrency = 32;
const heldBallots = 16;
const heldPagePaths = ['/campaigns/2026/tracks/cadres', '/campaigns/2026/candidates/1', '/'];
/** The whole drill must end within this, whatever happens. */
const drillTimeoutMs = 5 * 60_000;
const shutdownGraceMs = 10_000;

const report = new DrillReport();
const dir = mkdtempSync(join(tmpdir(), 'honour-roll-drill-crash-'));
const databaseUrl = `file:${join(dir, 'site.db')}`;
const env = {
  DATA_DIR: dir,
  DATABASE_URL: databaseUrl,
  SESSION_SECRET: 'drill-secret-drill-secret-drill-secret-0123',
  // The largest value the configuration accepts (six digits); each address sends one ballot.
  BALLOT_RATE_PER_MINUTE: '999999',
  TRUST_PROXY: 'loopback',
};

async function crash(): Promise<void> {
  report.section(`1. Crash: ${loadSeconds} s of ballots from ${concurrency} clients, then kill -9`);
  let site = await startSite(env);
  const candidateIds = await readCandidateIds(site.baseUrl);
  const seeded = (await inspectDatabase(databaseUrl)).ballots;
  const load = startBallotLoad({
    baseUrl: site.baseUrl,
    secret: env.SESSION_SECRET,
    candidateIds,
    concurrency,
    maxBallots: 200_000,
    maxMs: 60_000,
  });
  await sleep(loadSeconds * 1000);
  site.child.kill('SIGKILL');
  const stopping = load.stop();
  const exit = await site.exited;
  const figures = await stopping;
  report.check(exit.signal === 'SIGKILL', 'the server died of SIGKILL', JSON.stringify(exit));
  report.figure('ballots sent', figures.sent);
  report.figure('acknowledged (201, with a receipt) before the kill', figures.acknowledged);
  report.figure('in flight at the kill (no answer: outcome unknown)', figures.unanswered);
  report.figure('refused (any other status)', figures.refused);
  for (const sample of figures.refusalSamples) console.log(`       refused: ${sample}`);
  report.check(figures.acknowledged > 0, 'ballots were acknowledged before the kill');
  report.check(figures.refused === 0, 'no ballot was refused before the kill');

  const restartStarted = Date.now();
  site = await startSite(env, site.port);
  report.figure('restart on the same database, healthy after', `${Date.now() - restartStarted} ms`);

  const api = await checkReceipts(site.baseUrl, load.receipts);
  const db = await inspectDatabase(databaseUrl);
  const missing = load.receipts.filter((r) => !db.receipts.has(r.code));
  const added = db.ballots - seeded;
  report.figure(
    'receipts found counted through GET /api/receipts/{code}',
    `${api.counted} / ${figures.acknowledged}`,
  );
  report.figure(
    'receipts found in the ballot table',
    `${figures.acknowledged - missing.length} / ${figures.acknowledged}`,
  );
  report.figure('new ballots in the database', added);
  report.figure(
    'of which committed but unanswered when the server died',
    added - figures.acknowledged,
  );
  report.check(
    api.counted === figures.acknowledged,
    'every acknowledged ballot is counted, says the API',
    api.problems.slice(0, 5).join('\n       '),
  );
  report.check(
    missing.length === 0,
    'every acknowledged ballot is in the database',
    missing
      .slice(0, 5)
      .map((r) => r.code)
      .join(', '),
  );
  report.check(
    added >= figures.acknowledged && added <= figures.acknowledged + figures.unanswered,
    'acknowledged ≤ new ballots ≤ acknowledged + unanswered',
    `${figures.acknowledged} ≤ ${added} ≤ ${figures.acknowledged + figures.unanswered}`,
  );
  report.check(db.integrity === 'ok', 'PRAGMA integrity_check is ok', db.integrity);
  report.check(
    db.tallyMismatches === 0,
    `tallies match the counted picks (${db.candidates} candidates, ${db.tallyMismatches} mismatches)`,
  );

  await gracefulShutdown(site, candidateIds);
}

async function gracefulShutdown(site: Site, candidateIds: number[]): Promise<void> {
  report.section(
    `2. Graceful shutdown: SIGTERM with ${heldBallots} ballots and ${heldPagePaths.length} page requests in flight`,
  );
  const seededBefore = (await inspectDatabase(databaseUrl)).ballots;
  const credentials = credentialsFor(env.SESSION_SECRET);
  const made = await Promise.all(Array.from({ length: heldBallots }, () => credentials()));
  const ballots = made.map(({ cookie, proof }, i) =>
    holdBallot(site.port, ballotBody(candidateIds, 2, proof), benchAddress(100_000 + i), cookie),
  );
  const pages = heldPagePaths.map((path) => holdPage(site.port, path));
  // Long enough for the server to have read every held request's headers.
  await sleep(500);
  const signalledAt = Date.now();
  site.child.kill('SIGTERM');
  await sleep(300);
  report.check(
    (await statusOf(`${site.baseUrl}/api/health`)) === undefined,
    'after SIGTERM, a new connection is refused',
  );
  for (const held of [...ballots, ...pages]) held.finish();
  const ballotAnswers = await Promise.all(ballots.map((b) => b.answer));
  const pageAnswers = await Promise.all(pages.map((p) => p.answer));
  const exit = await within(site.exited, shutdownGraceMs + 5000);
  const tookMs = Date.now() - signalledAt;

  const accepted = ballotAnswers.filter((a) => a.status === 201);
  report.check(
    accepted.length === heldBallots,
    `every ballot in flight was accepted (${accepted.length} / ${heldBallots} answered 201)`,
    ballotAnswers
      .filter((a) => a.status !== 201)
      .slice(0, 3)
      .map((a) => `${a.status} ${a.error ?? a.body.slice(0, 120)}`)
      .join('\n       '),
  );
  report.check(
    pageAnswers.every((a) => a.status === 200),
    `every page request in flight was answered 200 (${pageAnswers.map((a) => a.status).join(', ')})`,
  );
  report.check(
    [...ballotAnswers, ...pageAnswers].every((a) => a.connection === 'close'),
    'those answers asked the client to close the connection',
  );
  report.check(
    exit?.code === 0,
    `the process exited 0 after ${tookMs} ms`,
    exit ? JSON.stringify(exit) : 'it had not exited',
  );
  const db = await inspectDatabase(databaseUrl);
  report.check(
    accepted.every((a) => db.receipts.has((JSON.parse(a.body) as { receipt: string }).receipt)) &&
      db.ballots === seededBefore + accepted.length,
    'the accepted ballots are in the database, and nothing else was added',
  );
  report.check(db.integrity === 'ok', 'PRAGMA integrity_check is ok', db.integrity);
  report.check(db.tallyMismatches === 0, `tallies match (${db.tallyMismatches} mismatches)`);
}

async function forcedExit(): Promise<void> {
  report.section('3. Grace limit: a request that never completes');
  const site = await startSite(env);
  const candidateIds = await readCandidateIds(site.baseUrl);
  const { cookie, proof } = await credentialsFor(env.SESSION_SECRET)();
  const stuck = holdBallot(
    site.port,
    ballotBody(candidateIds, 1, proof),
    benchAddress(110_000),
    cookie,
  );
  await sleep(500);
  const signalledAt = Date.now();
  site.child.kill('SIGTERM');
  const exit = await within(site.exited, shutdownGraceMs + 10_000);
  const tookMs = Date.now() - signalledAt;
  const answer = await stuck.answer;
  report.check(
    exit?.code === 1 && tookMs >= shutdownGraceMs - 500 && tookMs <= shutdownGraceMs + 3000,
    `the process gave up after ${tookMs} ms and exited ${exit?.code ?? '(still running)'}`,
  );
  report.check(answer.status === 0, 'the unfinished request got no answer');
  const db = await inspectDatabase(databaseUrl);
  report.check(db.integrity === 'ok', 'PRAGMA integrity_check is ok afterwards', db.integrity);
  report.check(db.tallyMismatches === 0, `tallies match (${db.tallyMismatches} mismatches)`);
}

async function main(): Promise<number> {
  await ensureBuild();
  console.log(`Crash drill in ${dir}`);
  await crash();
  await forcedExit();
  return report.finish('Crash drill');
}

await runMain(
  main,
  async (keep) => {
    await stopAllSites();
    if (keep) console.error(`The drill's files are kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  },
  { timeoutMs: drillTimeoutMs },
);
