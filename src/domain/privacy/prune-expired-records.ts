import { lt, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { addressKey, botTokenUse, loginAttempt } from '#src/db/schema/index.ts';
import { localDay } from '../clock.ts';
import { chinaTimeZone } from '../china-time.ts';

/**
 * How long records that only serve a passing purpose are kept (README, "Security"):
 *
 * - an address key, until the end of the day after its own (Asia/Shanghai): a day's requests
 *   need it that day, and nothing needs it later; once it is gone, that day's hashes can be
 *   compared with each other and no longer with any address;
 * - a login attempt (the email as typed, a hashed address), 30 days: long enough to look into
 *   a wave of failed logins, short enough not to keep what staff mistyped;
 * - a spent bot-check proof, one day: proofs expire within five minutes (ALTCHA's signed expiry,
 *   Turnstile's token lifetime), so a day later no replay of one could pass anyway.
 */
const addressKeyDaysKept = 2;
const loginAttemptRetentionMs = 30 * 24 * 3600_000;
const spentProofRetentionMs = 24 * 3600_000;

/** Address keys are days in China, as in address-keys.ts. */
const addressKeyZone = chinaTimeZone;

export interface PruneResult {
  addressKeys: number;
  loginAttempts: number;
  spentProofs: number;
}

/** The first day whose address key is kept at `now`: yesterday, in Asia/Shanghai. */
function oldestAddressKeyDay(now: Date): string {
  const back = new Date(now.getTime() - (addressKeyDaysKept - 1) * 24 * 3600_000);
  return localDay(back, addressKeyZone);
}

/**
 * Deletes what has outlived its retention. Address keys are deleted with SQLite's
 * `secure_delete`, which overwrites their bytes in the file rather than leaving them on a free
 * page for a copy of the file to carry, and the write-ahead log is then emptied.
 */
export async function pruneExpiredRecords(db: Db, now: Date): Promise<PruneResult> {
  const result = await db.transaction(async (tx) => {
    // A libSQL server may not take the pragma; the keys are deleted all the same.
    await tx.run(sql`PRAGMA secure_delete = ON`).catch(() => undefined);
    const keys = await tx
      .delete(addressKey)
      .where(lt(addressKey.day, oldestAddressKeyDay(now)))
      .returning({ day: addressKey.day });
    const attempts = await tx
      .delete(loginAttempt)
      .where(lt(loginAttempt.at, new Date(now.getTime() - loginAttemptRetentionMs)))
      .returning({ id: loginAttempt.id });
    const proofs = await tx
      .delete(botTokenUse)
      .where(lt(botTokenUse.usedAt, new Date(now.getTime() - spentProofRetentionMs)))
      .returning({ hash: botTokenUse.tokenHash });
    return { addressKeys: keys.length, loginAttempts: attempts.length, spentProofs: proofs.length };
  });
  if (result.addressKeys > 0) {
    // The write-ahead log still holds the pages as they were when the keys were written: copy
    // it into the database and cut it to nothing. Once a day at most, when a key was destroyed;
    // a checkpoint that other readers hold up is left to the next run (the keys' bytes are
    // gone from the database file already).
    await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`).catch(() => undefined);
  }
  return result;
}
