import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';

/** Emails are stored lower-cased; whoever types one may not have. */
export function normaliseStaffEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account with this email (in any case), including its password hash; for domain use only. */
export async function findStaffUserByEmail(db: Db | Tx, email: string) {
  return db.query.staffUser.findFirst({ where: eq(staffUser.email, normaliseStaffEmail(email)) });
}
