import { execFileSync } from 'node:child_process';
import Database from 'libsql';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxCachedSqlLength, maxStatements, statementCacheStats } from '#src/db/statement-cache.ts';
import { localPathOf } from '#src/db/client.ts';
import { useTestDb } from '../helpers/harness.ts';

const db = useTestDb();

beforeAll(async () => {
  await db.client.execute('create table sc_item (id integer primary key, name text not null)');
});

const snapshot = () => ({ ...statementCacheStats });

/** Statements a local-file connection keeps prepared (src/db/statement-cache.ts). */
describe('prepared statements kept per connection', () => {
  it('prepares a statement once and answers each call with its own arguments', async () => {
    const insert = 'insert into sc_item (id, name) values (?, ?)';
    const before = snapshot();
    for (let i = 1; i <= 5; i++) {
      const r = await db.client.execute({ sql: insert, args: [i, `item ${i}`] });
      expect(r.rowsAffected).toBe(1);
      expect(r.rows).toEqual([]);
    }
    const select = 'select id, name from sc_item where id >= ? order by id';
    const all = await db.client.execute({ sql: select, args: [1] });
    const some = await db.client.execute({ sql: select, args: [4] });
    const none = await db.client.execute({ sql: select, args: [99] });
    expect(all.rows.map((r) => r.name)).toEqual(['item 1', 'item 2', 'item 3', 'item 4', 'item 5']);
    expect(some.columns).toEqual(['id', 'name']);
    expect(some.rows.map((r) => Number(r.id))).toEqual([4, 5]);
    expect(none.rows).toEqual([]);
    expect(statementCacheStats.prepared - before.prepared).toBe(2);
    expect(statementCacheStats.reused - before.reused).toBe(6);
  });

  it('reports a constraint error from a kept statement, and keeps using it afterwards', async () => {
    const insert = 'insert into sc_item (id, name) values (?, ?)';
    await expect(db.client.execute({ sql: insert, args: [1, 'again'] })).rejects.toThrow(
      /UNIQUE constraint failed/,
    );
    const r = await db.client.execute({ sql: insert, args: [6, 'item 6'] });
    expect(r.rowsAffected).toBe(1);
  });

  it('asks a `*` projection for its columns anew, so a schema change shows', async () => {
    const star = 'select * from sc_item where id = ?';
    expect((await db.client.execute({ sql: star, args: [1] })).columns).toEqual(['id', 'name']);
    await db.client.execute("alter table sc_item add column note text not null default 'n'");
    const after = await db.client.execute({ sql: star, args: [1] });
    expect(after.columns).toEqual(['id', 'name', 'note']);
    expect(after.rows[0]!.note).toBe('n');
  });

  it('does not keep very long SQL, and keeps at most the last statements of a connection', async () => {
    const long = `select ${Array.from({ length: 1200 }, (_, i) => `${i} as c${i}`).join(', ')}`;
    expect(long.length).toBeGreaterThan(maxCachedSqlLength);
    const before = snapshot();
    await db.client.execute(long);
    await db.client.execute(long);
    expect(statementCacheStats.prepared - before.prepared).toBe(2);
    expect(statementCacheStats.reused - before.reused).toBe(0);

    const first = 'select 0 as first_of_many';
    await db.client.execute(first);
    for (let i = 1; i <= maxStatements; i++) await db.client.execute(`select ${i} as n`);
    const again = snapshot();
    await db.client.execute(first);
    // Evicted by the newer ones: prepared again.
    expect(statementCacheStats.prepared - again.prepared).toBe(1);
  });

  it('answers from the current table after another process migrates it', async () => {
    await db.client.execute(
      'create table sc_other (id integer primary key, name text not null, rank integer)',
    );
    const named = 'select id, name from sc_other where rank >= ? order by id';
    const insert = 'insert into sc_other (id, name, rank) values (?, ?, ?)';
    await db.client.execute({ sql: insert, args: [1, 'one', 1] });
    expect((await db.client.execute({ sql: named, args: [0] })).rows.map((r) => r.name)).toEqual([
      'one',
    ]);
    // Another process (a migration run by a second app process) changes the table under the
    // statements this one keeps: a column before the ones they read, an index, new rows.
    const migration = `
      import Database from 'libsql';
      const d = new Database(${JSON.stringify(localPathOf(db.url))});
      d.exec("alter table sc_other add column note text not null default 'x'");
      d.exec('create index sc_other_rank on sc_other (rank)');
      d.exec("insert into sc_other (id, name, rank, note) values (2, 'two', 5, 'new')");
      d.close();`;
    execFileSync(process.execPath, ['--input-type=module', '-e', migration]);
    const after = await db.client.execute({ sql: named, args: [0] });
    expect(after.columns).toEqual(['id', 'name']);
    expect(after.rows.map((r) => [Number(r.id), r.name])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    await db.client.execute({ sql: insert, args: [3, 'three', 9] });
    const high = await db.client.execute({ sql: named, args: [5] });
    expect(high.rows.map((r) => r.name)).toEqual(['two', 'three']);
    const note = await db.client.execute({
      sql: 'select note from sc_other where id = ?',
      args: [3],
    });
    expect(note.rows[0]!.note).toBe('x');
  });

  it('is installed on the engine the client uses', () => {
    expect(Object.getOwnPropertySymbols(Database.prototype)).toContain(
      Symbol.for('honour-roll.statement-cache'),
    );
  });
});
