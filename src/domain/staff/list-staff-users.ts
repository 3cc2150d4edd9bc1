import { asc } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import type { StaffUserView } from './staff-user-view.ts';

export interface StaffUserListing extends StaffUserView {
  disabledAt: Date | null;
  createdAt: Date;
  /** When the second factor was turned on; null while it is off. */
  secondFactorSince: Date | null;
}

/** Every staff account, by email, disabled ones included; never the password hashes. */
export async function listStaffUsers(db: Db): Promise<StaffUserListing[]> {
  return db
    .select({
      id: staffUser.id,
      email: staffUser.email,
      displayName: staffUser.displayName,
      role: staffUser.role,
      disabledAt: staffUser.disabledAt,
      createdAt: staffUser.createdAt,
      secondFactorSince: staffUser.totpEnabledAt,
    })
    .from(staffUser)
    .orderBy(asc(staffUser.email));
}
