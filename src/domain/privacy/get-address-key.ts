import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { addressKey } from '#src/db/schema/index.ts';

/**
 * The random key of a local day under which addresses are hashed (src/db/schema/address-key.ts),
 * made by whichever process asks first: every process inserts a fresh one unless the day has
 * one, and all read back the one that won, so an address has one hash a day in all of them.
 */
export async function getAddressKey(db: Db, day: string, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await tx
      .insert(addressKey)
      .values({ day, key: randomBytes(32).toString('base64url'), createdAt: now })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ key: addressKey.key })
      .from(addressKey)
      .where(eq(addressKey.day, day));
    return row!.key;
  });
}
