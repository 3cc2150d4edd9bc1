import { createHmac } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addressKey, ballot, botTokenUse, loginAttempt } from '#src/db/schema/index.ts';
import { pruneExpiredRecords } from '#src/domain/privacy/prune-expired-records.ts';
import { addressHash } from '#src/server/voter-identity.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { fixedClock, postBallot, testApi, testSecret } from '../helpers/test-api.ts';
import { createTestDb } from '../helpers/test-db.ts';

const db = useTestDb();
const now = new Date('2026-11-20T04:00:00Z'); // 12:00 in Shanghai, 2026-11-20

const mac = (key: string, purpose: string, value: string) =>
  createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url');

describe('address hashes under random day keys', () => {
  it('hashes a ballot’s address under the day’s random key, the same in every process', async () => {
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
      ballotsPerAddressPerDay: 5,
    });
    // Two app instances: two processes with their own memory, one database.
    const first = testApi(db, { clock: fixedClock(now) });
    const second = testApi(db, { clock: fixedClock(now) });
    const body = { campaign: campaign.slug, track: track.slug, candidates: [candidates[0]!.id] };
    const client = '198.51.100.61';
    expect((await postBallot(first, body, { client })).res.status).toBe(201);
    expect((await postBallot(second, body, { client })).res.status).toBe(201);

    const keys = await db.db.select().from(addressKey);
    expect(keys.map((k) => k.day)).toEqual(['2026-11-20']);
    expect(keys[0]!.key).toMatch(/^[\w-]{43}$/);
    const rows = await db.db.select().from(ballot).where(eq(ballot.trackId, track.id));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.addressHash).toBe(rows[1]!.addressHash);
    expect(rows[0]!.addressHash).toBe(addressHash(keys[0]!.key, client));
    // Not what the long-term secret gives: a backup's secret cannot recompute it.
    const derivedKey = mac(testSecret, 'address-key', '2026-11-20');
    expect(rows[0]!.addressHash).not.toBe(mac(derivedKey, 'address', client));
  });

  it('makes a new random key each day', async () => {
    const clock = fixedClock(new Date('2026-11-21T04:00:00Z'));
    const { campaign, track, candidates } = await makeOpenBallot(db.db, clock.now(), 2);
    const api = testApi(db, { clock });
    const body = { campaign: campaign.slug, track: track.slug, candidates: [candidates[0]!.id] };
    expect((await postBallot(api, body)).res.status).toBe(201);
    const keys = await db.db.select().from(addressKey);
    expect(keys.map((k) => k.day).sort()).toEqual(['2026-11-20', '2026-11-21']);
    expect(new Set(keys.map((k) => k.key)).size).toBe(2);
  });
});

describe('pruning what has outlived its retention', () => {
  it('destroys address keys two days after their day, login attempts after 30 days, spent proofs after one', async () => {
    const pruneDb = await createTestDb();
    try {
      const at = new Date('2026-11-22T01:00:00Z'); // 09:00 in Shanghai, 2026-11-22
      const days = ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
      await pruneDb.db
        .insert(addressKey)
        .values(days.map((day) => ({ day, key: `key-of-${day}`, createdAt: at })));
      const daysAgo = (n: number) => new Date(at.getTime() - n * 24 * 3600_000);
      await pruneDb.db.insert(loginAttempt).values([
        { at: daysAgo(31), email: 'old@example.cn', addressHash: 'h', succeeded: false },
        { at: daysAgo(29), email: 'recent@example.cn', addressHash: 'h', succeeded: false },
      ]);
      await pruneDb.db.insert(botTokenUse).values([
        { tokenHash: 'old', usedAt: new Date(at.getTime() - 25 * 3600_000) },
        { tokenHash: 'recent', usedAt: new Date(at.getTime() - 23 * 3600_000) },
      ]);

      expect(await pruneExpiredRecords(pruneDb.db, at)).toEqual({
        addressKeys: 2,
        loginAttempts: 1,
        spentProofs: 1,
      });
      const kept = await pruneDb.db.select().from(addressKey);
      expect(kept.map((k) => k.day).sort()).toEqual(['2026-11-21', '2026-11-22']);
      expect((await pruneDb.db.select().from(loginAttempt)).map((a) => a.email)).toEqual([
        'recent@example.cn',
      ]);
      expect((await pruneDb.db.select().from(botTokenUse)).map((t) => t.tokenHash)).toEqual([
        'recent',
      ]);
      // Nothing of a destroyed key is left in the file for a copy of it to carry.
      pruneDb.close();
      const file = await import('node:fs').then((fs) =>
        fs.readFileSync(join(pruneDb.dir, 'test.db')),
      );
      const wal = await import('node:fs').then((fs) =>
        fs.existsSync(join(pruneDb.dir, 'test.db-wal'))
          ? fs.readFileSync(join(pruneDb.dir, 'test.db-wal'))
          : Buffer.alloc(0),
      );
      expect(Buffer.concat([file, wal]).includes('key-of-2026-11-19')).toBe(false);
    } finally {
      pruneDb.destroy();
    }
  });
});

describe('a backup', () => {
  it('carries every ballot and no address key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'honour-roll-backup-'));
    try {
      const target = join(dir, 'copy.db');
      const run = spawnSync(process.execPath, ['db/backup.ts', target], {
        env: { ...process.env, DATABASE_URL: db.url, SESSION_SECRET: testSecret, DATA_DIR: dir },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect((await db.db.select().from(addressKey)).length).toBeGreaterThan(0);
      const copy = createClient({ url: `file:${target}` });
      const keys = await copy.execute('select count(*) from address_key');
      const ballots = await copy.execute('select count(*) from ballot');
      copy.close();
      expect(Number(keys.rows[0]![0])).toBe(0);
      expect(Number(ballots.rows[0]![0])).toBe((await db.db.select().from(ballot)).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
