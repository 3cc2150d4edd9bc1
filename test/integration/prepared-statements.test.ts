import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { eq, sql } from 'drizzle-orm';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, localPathOf, preparedStatementsOf } from '#src/db/client.ts';
import { statement } from '#src/db/prepared.ts';
import { ballot, tally } from '#src/db/schema/index.ts';
import { castBallot } from '#src/domain/ballots/cast-ballot.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';
import { makeCountedBallot, makeOpenBallot } from '../helpers/factories.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let path: string;

beforeAll(async () => {
  db = await createTestDb();
  path = localPathOf(db.url)!;
});
afterAll(() => db.destroy());

const hash = () => randomBytes(32).toString('hex');

/** Runs `source` (an ES module) in another Node process, on the same database file. */
function inAnotherProcess(source: string): void {
  execFileSync(process.execPath, ['--input-type=module', '-e', source]);
}

async function openBallot(limits: { perDevice?: number; perAddress?: number } = {}) {
  const now = new Date();
  const made = await makeOpenBallot(db.db, now, 3, {
    ballotsPerDevicePerDay: limits.perDevice ?? 5,
    ballotsPerAddressPerDay: limits.perAddress ?? 5,
  });
  const cast = (picks: number[], voter: { device?: string; address?: string } = {}) =>
    castBallot(db.db, {
      campaignSlug: made.campaign.slug,
      trackSlug: made.track.slug,
      candidateIds: picks.map((i) => made.candidates[i]!.id),
      deviceHash: voter.device ?? hash(),
      deviceIssuedAt: null,
      addressHash: voter.address ?? hash(),
      hostHash: hash(),
      networkHash: hash(),
      botCheck: { useKey: hash(), verify: async () => ({ ok: true }) },
      now,
    });
  const votes = async () =>
    (
      await db.db
        .select({ id: tally.candidateId, votes: tally.votes })
        .from(tally)
        .where(
          sql`${tally.candidateId} in ${made.candidates.map((c) => c.id)} order by ${tally.candidateId}`,
        )
    ).map((r) => r.votes);
  return { ...made, now, cast, votes };
}

/**
 * The ballot's statements are prepared once per connection (src/db/prepared.ts) and run again
 * and again; these show they keep answering from the database as it is now.
 */
describe('the ballot path on its prepared statements', () => {
  it('sees a migration and rows written by another process and another connection', async () => {
    const b = await openBallot({ perAddress: 2 });
    const address = hash();
    await b.cast([0, 1], { address });
    // Another process migrates the ballot's table under the statements this one keeps: a column
    // among those the insert names, an index on what the daily counts read.
    inAnotherProcess(`
      import Database from 'libsql';
      const d = new Database(${JSON.stringify(path)});
      d.exec("alter table ballot add column note text not null default 'migrated'");
      d.exec('create index ballot_test_day on ballot (day, address_hash)');
      d.close();`);
    // Another connection (a second handle, as a second app process has) counts a ballot from
    // the same address.
    const second = await createDb({ url: db.url });
    await makeCountedBallot(second.db, {
      campaignId: b.campaign.id,
      trackId: b.track.id,
      candidateIds: [b.candidates[2]!.id],
      castAt: b.now,
      addressHash: address,
      addressSeq: 2,
    });
    await second.close();
    // Its ballot counts against the address's limit of two…
    await expect(b.cast([0], { address })).rejects.toMatchObject({ reason: 'address_limit' });
    // …and a new voter's ballot is written with the migration's column filled in.
    const receipt = (await b.cast([1, 2])).receipt;
    const [row] = await db.db.all<{ note: string }>(
      sql`select note from ballot where receipt = ${receipt}`,
    );
    expect(row!.note).toBe('migrated');
    expect(await b.votes()).toEqual([1, 2, 2]);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
  });

  it('writes to the new table after another process rebuilds one the way drizzle-kit does', async () => {
    const b = await openBallot();
    await b.cast([0]);
    inAnotherProcess(`
      import Database from 'libsql';
      const d = new Database(${JSON.stringify(path)});
      d.exec('pragma foreign_keys = off');
      d.exec(\`begin;
        create table __new_tally (candidate_id integer primary key not null
          references candidate(id), votes integer default 0 not null, check (votes >= 0));
        insert into __new_tally select candidate_id, votes from tally;
        drop table tally;
        alter table __new_tally rename to tally;
        commit;\`);
      d.close();`);
    await b.cast([0, 1]);
    await b.cast([0, 2]);
    expect(await b.votes()).toEqual([3, 1, 1]);
  });

  it('sees a column added by this process', async () => {
    const b = await openBallot();
    await b.cast([0]);
    await db.client.execute('alter table ballot add column in_process integer not null default 7');
    const receipt = (await b.cast([1])).receipt;
    const [row] = await db.db.all<{ n: number }>(
      sql`select in_process as n from ballot where receipt = ${receipt}`,
    );
    expect(row!.n).toBe(7);
    expect(await b.votes()).toEqual([1, 1]);
  });

  it('holds no read snapshot between ballots, so a checkpoint can empty the log', async () => {
    const b = await openBallot();
    for (let i = 0; i < 5; i++) await b.cast([i % 3]);
    // A statement kept open mid-read would pin its snapshot and the write-ahead log would grow.
    const other = new Database(path, { timeout: 1000 });
    try {
      const [result] = other.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all([]) as {
        busy: number;
        log: number;
      }[];
      expect(result).toMatchObject({ busy: 0, log: 0 });
    } finally {
      other.close();
    }
  });

  it('waits on the busy timeout while another process holds the write lock', async () => {
    const b = await openBallot();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'libsql';
        const d = new Database(${JSON.stringify(path)});
        d.exec('begin immediate');
        d.exec("insert into audit_log (at, action, entity_type, entity_id) values (0, 'held', 't', 'x')");
        console.log('locked');
        await new Promise((r) => setTimeout(r, 600));
        d.exec('commit');
        d.close();`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(holder.stdout!, 'data');
    const start = performance.now();
    const result = await b.cast([0]);
    expect(performance.now() - start).toBeGreaterThan(200);
    expect(result.remainingToday).toBe(4);
    await once(holder, 'exit');
    const [held] = await db.db.all<{ n: number }>(
      sql`select count(*) as n from audit_log where action = 'held'`,
    );
    expect(Number(held!.n)).toBe(1);
  });
});

describe('prepared statements (src/db/prepared.ts)', () => {
  beforeAll(async () => {
    await db.client.execute('create table ps_parent (id integer primary key)');
    await db.client.execute(
      'create table ps_child (id integer primary key, parent_id integer not null references ps_parent(id), name text not null unique)',
    );
    await db.client.execute('insert into ps_parent (id) values (1)');
  });
  const insertChild = statement<{ id: number }>(
    'insert into ps_child (id, parent_id, name) values (?, ?, ?) returning id',
  );
  const children = statement<{ id: number; name: string }>(
    'select id, name from ps_child where id >= ? order by id',
  );

  it('answers each call with its own arguments, and keeps working after a refused one', async () => {
    const p = preparedStatementsOf(db.db);
    for (let i = 1; i <= 3; i++) {
      expect(await p.transaction((tx) => tx.all(insertChild, [i, 1, `child ${i}`]))).toEqual([
        { id: i },
      ]);
    }
    await expect(p.transaction((tx) => tx.all(insertChild, [4, 1, 'child 1']))).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    // Foreign keys are on for this connection too.
    await expect(p.transaction((tx) => tx.all(insertChild, [4, 99, 'orphan']))).rejects.toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect((await p.all(children, [2])).map((r) => r.name)).toEqual(['child 2', 'child 3']);
    expect(await p.all(children, [99])).toEqual([]);
  });

  it('undoes all of a transaction that throws, and only its own work in a shared commit', async () => {
    const p = preparedStatementsOf(db.db);
    await expect(
      p.transaction(async (tx) => {
        await tx.all(insertChild, [10, 1, 'kept only if committed']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await p.all(children, [10])).toEqual([]);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        p.transaction(async (tx) => {
          await tx.all(insertChild, [20 + i, 1, `batch ${i}`]);
          if (i % 3 === 1) await tx.all(insertChild, [30 + i, 1, 'child 1']);
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((await p.all(children, [20])).map((r) => r.id)).toEqual([20, 22, 23, 25]);
    // A drizzle transaction queued alongside sees what the prepared ones committed.
    const [row] = await db.db.transaction((tx) =>
      tx.all<{ n: number }>(sql`select count(*) as n from ps_child where id >= 20`),
    );
    expect(Number(row!.n)).toBe(4);
  });

  it('closes its connections with the handle', async () => {
    const own = await createTestDb();
    const b = await makeOpenBallot(own.db, new Date(), 1);
    const cast = () =>
      castBallot(own.db, {
        campaignSlug: b.campaign.slug,
        trackSlug: b.track.slug,
        candidateIds: [b.candidates[0]!.id],
        deviceHash: hash(),
        deviceIssuedAt: null,
        addressHash: hash(),
        hostHash: hash(),
        networkHash: hash(),
        botCheck: { useKey: hash(), verify: async () => ({ ok: true }) },
        now: new Date(),
      });
    expect((await cast()).remainingToday).toBe(b.track.ballotsPerDevicePerDay - 1);
    await own.close();
    await expect(cast()).rejects.toThrow(/closed/);
    const again = await createDb({ url: own.url });
    try {
      const [count] = await again.db
        .select({ n: sql<number>`count(*)` })
        .from(ballot)
        .where(eq(ballot.trackId, b.track.id));
      expect(Number(count!.n)).toBe(1);
    } finally {
      await again.close();
      own.destroy();
    }
  });
});

describe('prepared statements through @libsql/client', () => {
  it('run the same way where no connection of their own can be opened (in memory, remote)', async () => {
    // A second connection to `:memory:` would be another database, so these go through the
    // client, as they do for a remote server.
    const memory = await createDb({ url: 'file::memory:' });
    try {
      await memory.client.execute('create table ps_mem (id integer primary key, name text unique)');
      const p = preparedStatementsOf(memory.db);
      const insert = statement<{ id: number }>(
        'insert into ps_mem (id, name) values (?, ?) returning id',
      );
      const results = await Promise.allSettled(
        [1, 2, 3].map((i) =>
          p.transaction(async (tx) => {
            const rows = await tx.all(insert, [i, `name ${i}`]);
            if (i === 2) await tx.all(insert, [20, 'name 1']);
            return rows[0]!.id;
          }),
        ),
      );
      expect(results).toEqual([
        { status: 'fulfilled', value: 1 },
        expect.objectContaining({ status: 'rejected' }),
        { status: 'fulfilled', value: 3 },
      ]);
      const names = statement<{ name: string }>('select name from ps_mem where id > ? order by id');
      expect((await p.all(names, [0])).map((r) => r.name)).toEqual(['name 1', 'name 3']);
    } finally {
      await memory.close();
    }
  });
});
