/**
 * `npm run db:backup [-- <file>]`: a consistent copy of the local database, taken while the
 * site serves, with SQLite's `VACUUM INTO`. It reads one snapshot in a read transaction, so
 * writers carry on (WAL) and the copy holds every ballot committed before it began and none
 * half-written. The default file is `<DATA_DIR>/backups/site-<UTC timestamp>.db`.
 *
 * The copy leaves out the day keys of addresses (`address_key`): a backup must not carry what
 * would turn its address hashes back into addresses.
 *
 * Without SESSION_SECRET the server's secret lives in DATA_DIR; it is copied next to the backup
 * (`<name>.session-secret`), because device cookies only match with it and `npm run db:restore`
 * puts it back. It no longer keys address hashes, so it cannot reverse them. A remote libSQL server (sqld, Turso) is refused: its disk is
 * not this machine's, and it has backups of its own.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { createDb, localPathOf } from '#src/db/client.ts';
import { loadConfigOrExit } from '#src/server/bootstrap.ts';

const config = loadConfigOrExit(process.env);
const source = localPathOf(config.databaseUrl);
if (source === null) {
  console.error(
    `DATABASE_URL points to a libSQL server (${new URL(config.databaseUrl).host}), not a local file. ` +
      'Back it up with the server’s own backups (sqld: its snapshots or bottomless replication; ' +
      'Turso: point-in-time restore or a database branch), not from here.',
  );
  process.exit(2);
}
if (source === ':memory:' || !existsSync(source)) {
  console.error(`There is no database file at ${source}: nothing to back up.`);
  process.exit(1);
}

const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
const target = resolve(process.argv[2] ?? join(config.dataDir, 'backups', `site-${stamp}Z.db`));
if (existsSync(target)) {
  console.error(`${target} already exists; choose another file.`);
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });

// Written under another name first: a file at `target` is always a complete backup.
const partial = `${target}.partial`;
rmSync(partial, { force: true });
const started = performance.now();
const handle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
let failure: string | undefined;
try {
  await handle.client.execute({ sql: 'VACUUM INTO ?', args: [partial] });
} catch (e) {
  failure = e instanceof Error ? e.message : String(e);
} finally {
  handle.close();
}
if (failure !== undefined) {
  rmSync(partial, { force: true });
  console.error(`VACUUM INTO failed: ${failure}`);
  process.exit(1);
}
const copied = performance.now();

// The copy is checked before it takes its name, and counted so the operator sees what it holds.
const check = createClient({ url: `file:${partial}` });
// The day keys of addresses stay behind: with them, whoever holds the backup could recompute
// the hash of every address and read back who voted. Without them today's address hashes start
// afresh after a restore (the device limits, which count, are unaffected). secure_delete
// overwrites the keys' bytes instead of leaving them on a free page of the copy.
const hasKeys = await check.execute(
  "select 1 from sqlite_master where type = 'table' and name = 'address_key'",
);
if (hasKeys.rows.length > 0) {
  await check.execute('PRAGMA secure_delete = ON');
  await check.execute('DELETE FROM address_key');
}
const integrity = (await check.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0]));
const ballots = Number((await check.execute('select count(*) from ballot')).rows[0]?.[0] ?? 0);
check.close();
if (integrity.join() !== 'ok') {
  rmSync(partial, { force: true });
  console.error(`The copy failed its integrity check:\n${integrity.slice(0, 10).join('\n')}`);
  process.exit(1);
}
renameSync(partial, target);

const megabytes = (statSync(target).size / 1e6).toFixed(1);
console.log(
  `Backup written: ${target} (${megabytes} MB, ${ballots} ballots, integrity ok; ` +
    `copied in ${Math.round(copied - started)} ms).`,
);

const secretFile = join(config.dataDir, 'session-secret');
const secretFromDataDir =
  existsSync(secretFile) && readFileSync(secretFile, 'utf8').trim() === config.sessionSecret;
if (secretFromDataDir) {
  const secretCopy = `${target.replace(/\.db$/, '')}.session-secret`;
  writeFileSync(secretCopy, `${config.sessionSecret}\n`, { mode: 0o600, flag: 'wx' });
  console.log(`Session secret copied to ${secretCopy}: keep the two files together.`);
} else {
  console.log(
    'The session secret comes from SESSION_SECRET: keep its value with this backup, or device ' +
      'cookies will not match after a restore.',
  );
}
