import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '#src/db/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'honour-roll-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A hundred rows of 3,000 bytes: far fewer pages than SQLite's own automatic checkpoint waits for. */
const rowBytes = Buffer.byteLength('正文'.repeat(500));
const committedBytes = 100 * rowBytes;

/**
 * Writes the rows, then watches the database file (not the WAL) for up to `watchMs`: the size it
 * reaches. The rows are in the file only once a checkpoint has copied them there.
 */
async function writeAndWatch(backgroundCheckpoint: boolean, watchMs: number) {
  const file = join(dir, `${backgroundCheckpoint ? 'with' : 'without'}.db`);
  const handle = await createDb({ url: `file:${file}`, backgroundCheckpoint });
  try {
    await handle.db.run(sql`create table t (id integer primary key, body text)`);
    for (let i = 0; i < 100; i++) {
      await handle.db.transaction((tx) =>
        tx.run(sql`insert into t (body) values (${'正文'.repeat(500)})`),
      );
    }
    const deadline = Date.now() + watchMs;
    while (statSync(file).size < committedBytes && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return statSync(file).size;
  } finally {
    await handle.close();
  }
}

describe('WAL checkpoints on a thread of their own', () => {
  it('copy what was committed into the database file without another write', async () => {
    // The thread checkpoints every few hundred milliseconds; a busy machine gets 10 s.
    expect(await writeAndWatch(true, 10_000)).toBeGreaterThanOrEqual(committedBytes);
  });

  it('are what does it: without them the file waits for SQLite’s own mark', async () => {
    expect(await writeAndWatch(false, 1500)).toBeLessThan(committedBytes);
  });
});
