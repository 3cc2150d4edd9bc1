/**
 * `npm run db:restore -- <file>`: puts a backup made by `npm run db:backup` in place of the
 * configured local database.
 *
 * A running server keeps its database file open and would go on writing to the file it has,
 * so this refuses while anything answers on HOST:PORT. The backup is checked (SQLite's
 * integrity check, and that it is this site's database) on a copy next to the database before
 * it takes the database's name. The replaced database and its WAL are kept, renamed, so a wrong
 * restore can be undone; its shared-memory file is removed, as a stale `-wal` or `-shm` must not
 * meet the restored file. The session secret saved with the backup is put back in DATA_DIR when
 * the server reads its secret from there.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { localPathOf } from '#src/db/client.ts';
import { loadConfigOrExit } from '#src/server/bootstrap.ts';

const config = loadConfigOrExit(process.env);
const target = localPathOf(config.databaseUrl);
if (target === null || target === ':memory:') {
  console.error(
    'DATABASE_URL is not a local database file. Restore a libSQL server (sqld, Turso) with the ' +
      'server’s own tools.',
  );
  process.exit(2);
}
const given = process.argv[2];
if (!given) {
  console.error('Usage: npm run db:restore -- <backup file>');
  process.exit(2);
}
const backup = resolve(given);
if (!existsSync(backup)) {
  console.error(`There is no file at ${backup}.`);
  process.exit(1);
}

/** Whether anything answers HTTP on the configured address (any status, or a hang, counts). */
function serverAnswers(): Promise<string | null> {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/api/health`;
  return new Promise((done) => {
    const req = request(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      done(url);
    });
    req.once('timeout', () => {
      req.destroy();
      done(url);
    });
    req.once('error', () => done(null));
    req.end();
  });
}

const running = await serverAnswers();
if (running !== null) {
  console.error(
    `A server answers on ${running}: stop the server first (every process that uses ${target}).`,
  );
  process.exit(1);
}

const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
mkdirSync(dirname(target), { recursive: true });
const staging = `${target}.restoring`;
const removeStaging = () => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staging + suffix, { force: true });
};
removeStaging();
copyFileSync(backup, staging);

let problem: string | null = null;
let ballots = 0;
const check = createClient({ url: `file:${staging}` });
try {
  const integrity = (await check.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0]));
  if (integrity.join() !== 'ok') {
    problem = `it failed SQLite's integrity check:\n  ${integrity.slice(0, 10).join('\n  ')}`;
  } else {
    const tables = await check.execute(
      "select name from sqlite_master where type = 'table' and name in ('ballot', '__drizzle_migrations')",
    );
    if (tables.rows.length !== 2) {
      problem = 'it is not a database of this site (no ballot or migrations table)';
    } else {
      ballots = Number((await check.execute('select count(*) from ballot')).rows[0]?.[0] ?? 0);
    }
  }
} catch (e) {
  problem = `it cannot be read as a SQLite database (${e instanceof Error ? e.message : String(e)})`;
} finally {
  check.close();
}
if (problem !== null) {
  removeStaging();
  console.error(`Not restored: ${backup}: ${problem}. The database was not touched.`);
  process.exit(1);
}
// Closing the last connection folds any WAL back into the file; nothing else may come along.
for (const suffix of ['-wal', '-shm', '-journal']) rmSync(staging + suffix, { force: true });

let keptAs: string | null = null;
if (existsSync(target)) {
  keptAs = `${target}.replaced-${stamp}Z`;
  renameSync(target, keptAs);
  // The WAL holds the replaced database's latest commits: it travels with it.
  if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${keptAs}-wal`);
}
for (const suffix of ['-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true });
renameSync(staging, target);
console.log(`Restored ${backup} (${ballots} ballots, integrity ok) to ${target}.`);
if (keptAs !== null) console.log(`The replaced database is kept as ${keptAs}.`);

// The same name backup.ts gives the secret it saves.
const savedSecretFile = `${backup.replace(/\.db$/, '')}.session-secret`;
const savedSecret = existsSync(savedSecretFile)
  ? readFileSync(savedSecretFile, 'utf8').trim()
  : null;
const secretFile = join(config.dataDir, 'session-secret');
const secretFromDataDir =
  existsSync(secretFile) && readFileSync(secretFile, 'utf8').trim() === config.sessionSecret;
if (savedSecret === null) {
  console.log(
    'No session secret was saved with this backup: the server keeps its current one. If that is ' +
      'not the secret in use when the backup was taken, device cookies no ' +
      'longer match (the daily limits start afresh).',
  );
} else if (savedSecret === config.sessionSecret) {
  console.log('Session secret: the one in use already matches the backup’s.');
} else if (secretFromDataDir) {
  const previous = `${secretFile}.replaced-${stamp}Z`;
  renameSync(secretFile, previous);
  writeFileSync(secretFile, `${savedSecret}\n`, { mode: 0o600 });
  console.log(
    `Session secret restored to ${secretFile} (the previous one is kept as ${previous}).`,
  );
} else {
  console.warn(
    `SESSION_SECRET differs from the secret saved with the backup (${savedSecretFile}). Set ` +
      'SESSION_SECRET to that value before starting the server, or device cookies and address ' +
      'hashes will not match.',
  );
}
