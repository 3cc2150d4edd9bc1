import type { Db } from '../db/client.ts';
import { getAddressKey } from '../domain/privacy/get-address-key.ts';

/** The day keys of addresses as one process uses them; see src/db/schema/address-key.ts. */
export interface AddressKeys {
  /** The key of a local day (`YYYY-MM-DD`), made on first use. */
  keyOf(day: string, now: Date): Promise<string>;
}

/**
 * Remembers the day's key once read, so a ballot does not read it again: keys never change
 * once made. Only the last two days are remembered, so a key the database has destroyed does
 * not live on in a process either.
 */
export function createAddressKeys(db: Db): AddressKeys {
  const known = new Map<string, Promise<string>>();
  return {
    keyOf(day, now) {
      let key = known.get(day);
      if (key === undefined) {
        key = getAddressKey(db, day, now);
        // A failed read is not remembered: the next request tries again.
        key.catch(() => known.delete(day));
        known.set(day, key);
        for (const old of [...known.keys()].sort().slice(0, -2)) known.delete(old);
      }
      return key;
    },
  };
}
