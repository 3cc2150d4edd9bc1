/**
 * `npm run drill:backup`: a backup taken while ballots flow can be restored and served.
 *
 * 1. The production server runs on a fresh directory with no SESSION_SECRET (so its secret is
 *    made and kept in DATA_DIR, as by default) and takes ballots from 32 concurrent clients.
 *    Under that load, `db/backup.ts` (`npm run db:backup`) writes a backup and copies the secret.
 * 2. `db/restore.ts` (`npm run db:restore`) must refuse while a server answers on its port, and
 *    refuse a remote database; `db/backup.ts` must refuse a remote database too.
 * 3. After the server stops, the backup is restored into another fresh directory and a server
 *    is started on it. It must answer /api/health with 200, count every ballot acknowledged
 *    before the backup began, pass the integrity and tally checks, and recognise a device that
 *    voted before the backup (which proves the secret came back with the data).
 *
 * DRILL_SECONDS sets how long ballots flow before the backup (default 2; they flow on during
 * the backup and 1 s after it). All traffic goes to 127.0.0.1.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ballotBody,
  credentialsFor,
  checkReceipts,
  readCandidateIds,
  startBallotLoad,
  type Receipt,
} from './ballot-load.ts';
import { inspectDatabase } from './database-checks.ts';
import { DrillReport, sleep } from './drill-report.ts';
import {
  ensureBuild,
  freePort,
  runScript,
  startSite,
  stopAllSites,
  stopSite,
} from '../helpers/site-process.ts';
import { runMain } from '../helpers/run-main.ts';

const loadSeconds = Number(process.env.DRILL_SECONDS ?? 2);
if (!Number.isFinite(loadSeconds) || loadSeconds <= 0 || loadSeconds > 60) {
  console.error('DRILL_SECONDS must be a number of seconds from 0 to 60.');
  process.exit(2);
}
const concurrency = 32;
const drillTimeoutMs = 5 * 60_000;

const report = new DrillReport();
const dir = mkdtempSync(join(tmpdir(), 'honour-roll-drill-backup-'));
const liveDir = join(dir, 'live');
const restoredDir = join(dir, 'restored');
const backupFile = join(dir, 'backups', 'site-drill.db');
// No SESSION_SECRET (an empty value counts as unset): the secret is made and kept in DATA_DIR.
const common = { BALLOT_RATE_PER_MINUTE: '999999', TRUST_PROXY: 'loopback', SESSION_SECRET: '' };
const liveEnv = {
  ...common,
  DATA_DIR: liveDir,
  DATABASE_URL: `file:${join(liveDir, 'site.db')}`,
};
const restoredEnv = {
  ...common,
  DATA_DIR: restoredDir,
  DATABASE_URL: `file:${join(restoredDir, 'site.db')}`,
};

async function main(): Promise<number> {
  await ensureBuild();
  console.log(`Backup drill in ${dir}`);
  mkdirSync(liveDir, { recursive: true });

  report.section(`1. Backup under load (${concurrency} clients)`);
  const live = await startSite(liveEnv);
  const candidateIds = await readCandidateIds(live.baseUrl);
  // The secret the server made for itself on its first start, which the backup carries.
  const secret = readFileSync(join(liveDir, 'session-secret'), 'utf8').trim();
  const load = startBallotLoad({
    baseUrl: live.baseUrl,
    secret,
    candidateIds,
    concurrency,
    maxBallots: 200_000,
    maxMs: 120_000,
  });
  await sleep(loadSeconds * 1000);
  const backupStartedAt = Date.now();
  const beforeBackup: Receipt[] = load.receipts.filter((r) => r.at < backupStartedAt);
  const backup = await runScript('db/backup.ts', [backupFile], liveEnv);
  const backupMs = Date.now() - backupStartedAt;
  const duringBackup = load.receipts.filter(
    (r) => r.at >= backupStartedAt && r.at <= backupStartedAt + backupMs,
  ).length;
  await sleep(1000);
  const figures = await load.stop();
  process.stdout.write(indent(backup.output));
  report.check(backup.code === 0, 'db/backup.ts exited 0', `exit ${backup.code}`);
  report.check(existsSync(backupFile), `the backup file exists (${sizeOf(backupFile)})`);
  const secretCopy = backupFile.replace(/\.db$/, '.session-secret');
  report.check(existsSync(secretCopy), 'the session secret was copied next to it');
  report.figure('ballots acknowledged before the backup began', beforeBackup.length);
  report.figure(
    'ballots acknowledged while it ran',
    `${duringBackup} (backup took ${backupMs} ms)`,
  );
  report.figure('ballots acknowledged in all', figures.acknowledged);
  report.check(beforeBackup.length > 0, 'ballots were acknowledged before the backup');
  report.check(duringBackup > 0, 'the site went on taking ballots during the backup');
  report.check(figures.refused === 0 && figures.unanswered === 0, 'no ballot was refused or lost');

  report.section('2. Refusals');
  const whileRunning = await runScript('db/restore.ts', [backupFile], {
    ...restoredEnv,
    HOST: '127.0.0.1',
    PORT: String(live.port),
  });
  report.check(
    whileRunning.code !== 0 && whileRunning.output.includes('stop the server first'),
    'db/restore.ts refuses while a server answers on the port ("stop the server first")',
    whileRunning.output.trim(),
  );
  report.check(!existsSync(join(restoredDir, 'site.db')), 'and leaves the database untouched');
  const remote = { DATABASE_URL: 'libsql://drill.invalid', SESSION_SECRET: 'x'.repeat(32) };
  const remoteBackup = await runScript('db/backup.ts', [], remote);
  report.check(
    remoteBackup.code !== 0 && remoteBackup.output.includes('server’s own backups'),
    'db/backup.ts refuses a remote libSQL server and points to its own backups',
    remoteBackup.output.trim(),
  );
  const remoteRestore = await runScript('db/restore.ts', [backupFile], remote);
  report.check(remoteRestore.code !== 0, 'db/restore.ts refuses a remote libSQL server');

  const stopped = await stopSite(live);
  report.check(stopped.code === 0, 'the live server stopped cleanly (exit 0)');

  report.section('3. Restore into a fresh directory and serve');
  const port = await freePort();
  const restore = await runScript('db/restore.ts', [backupFile], {
    ...restoredEnv,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  process.stdout.write(indent(restore.output));
  report.check(restore.code === 0, 'db/restore.ts exited 0', `exit ${restore.code}`);
  const restored = await startSite(restoredEnv, port);
  const health = await fetch(`${restored.baseUrl}/api/health`);
  report.check(
    health.status === 200,
    `the restored site answers /api/health with ${health.status}`,
  );
  const sample = beforeBackup[Math.floor(beforeBackup.length / 2)]!;
  const one = await fetch(`${restored.baseUrl}/api/receipts/${sample.code}`);
  const oneBody = (await one.json()) as { status?: string };
  report.check(
    one.status === 200 && oneBody.status === 'counted',
    `a receipt from before the backup (${sample.code}) is found: ${one.status} ${oneBody.status}`,
  );
  const api = await checkReceipts(restored.baseUrl, beforeBackup);
  report.figure(
    'receipts from before the backup found counted',
    `${api.counted} / ${beforeBackup.length}`,
  );
  report.check(
    api.counted === beforeBackup.length,
    'every ballot acknowledged before the backup is counted on the restored site',
    api.problems.slice(0, 5).join('\n       '),
  );
  const later = load.receipts.filter((r) => r.at >= backupStartedAt);
  const laterFound = await checkReceipts(restored.baseUrl, later);
  report.figure(
    'acknowledged after the backup began, found in it',
    `${laterFound.counted} / ${later.length} (those committed before its snapshot)`,
  );

  // Same device, same track, same day: the daily limit (1) must still know it. With another
  // secret the cookie would not verify and the device would count as new.
  const { proof } = await credentialsFor(secret)();
  const again = await fetch(`${restored.baseUrl}/api/ballots`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: sample.cookie,
      'x-forwarded-for': '198.19.255.1',
    },
    body: ballotBody(candidateIds, 1, proof),
  });
  report.check(
    again.status === 409,
    `a device that voted before the backup is still known (second ballot: ${again.status})`,
  );

  const db = await inspectDatabase(restoredEnv.DATABASE_URL);
  report.figure('ballots in the restored database', db.ballots);
  report.check(db.integrity === 'ok', 'PRAGMA integrity_check is ok', db.integrity);
  report.check(
    db.tallyMismatches === 0,
    `tallies match the counted picks (${db.candidates} candidates, ${db.tallyMismatches} mismatches)`,
  );
  const finalStop = await stopSite(restored);
  report.check(finalStop.code === 0, 'the restored server stopped cleanly (exit 0)');
  return report.finish('Backup drill');
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `       | ${line}\n`)
    .join('');
}

function sizeOf(file: string): string {
  return existsSync(file) ? `${(statSync(file).size / 1e6).toFixed(1)} MB` : 'missing';
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
