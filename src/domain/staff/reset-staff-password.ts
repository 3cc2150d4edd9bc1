import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { endAllSessions } from './end-all-sessions.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { findStaffUserByEmail } from './find-staff-user-by-email.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import { toStaffUserView, type StaffUserView } from './staff-user-view.ts';

export interface ResetStaffPasswordInput {
  email: string;
  newPassword: string;
  actorId: number | null;
  now: Date;
}

/**
 * Sets a new password and ends every session of the account: whoever knew the old password (or
 * held a cookie obtained with it) is out. The audit row records that the password changed,
 * never either hash.
 */
export async function resetStaffPassword(
  db: Db,
  input: ResetStaffPasswordInput,
): Promise<{ user: StaffUserView; sessionsEnded: number }> {
  checkPasswordPolicy(input.newPassword);
  if (!(await findStaffUserByEmail(db, input.email))) {
    throw new DomainError('not_found', 'staff_not_found');
  }
  // Hashed outside the transaction, which would otherwise hold the process's write queue.
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const user = await findStaffUserByEmail(tx, input.email);
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    await tx
      .update(staffUser)
      .set({ passwordHash, passwordSetByOther: true })
      .where(eq(staffUser.id, user.id));
    const sessionsEnded = await endAllSessions(tx, user.id);
    await recordAccountAudit(tx, input, {
      action: 'staff.reset_password',
      userId: user.id,
      after: { passwordChangedAt: input.now.toISOString(), sessionsEnded },
    });
    return { user: toStaffUserView(user), sessionsEnded };
  });
}
