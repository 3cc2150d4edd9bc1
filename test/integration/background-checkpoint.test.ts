import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'honour-roll-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a hundred rows, far fewer pages than SQLite's own automatic checkpoint waits for. */
async function writeAndMeasure(backgroundCheckpoint: boolean) {
  const file = join(dir, `${backgroundCheckpoint ? 'with' : 'without'}.db`);
  const handle = await createDb({ url: `file:${file}`, backgroundCheckpoint });
  try {
    await handle.db.run(sql`create table t (id integer primary key, body text)`);
    for (let i = 0; i < 100; i++) {
      await handle.db.transaction((tx) =>
        tx.run(sql`insert into t (body) values (${'正文'.repeat(500)})`),
      );
    }
    const written = statSync(file).size;
    await new Promise((r) => setTimeout(r, 1000));
    return { written, later: statSync(file).size };
  } finally {
    handle.close();
  }
}

describe('WAL checkpoints on a thread of their own', () => {
  it('copy what was committed into the database file without another write', async () => {
    const { written, later } = await writeAndMeasure(true);
    expect(later).toBeGreaterThan(written + 100 * 1000);
  });

  it('are what does it: without them the file waits for SQLite’s own mark', async () => {
    const { written, later } = await writeAndMeasure(false);
    expect(later).toBe(written);
  });
});
