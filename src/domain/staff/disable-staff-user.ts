import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { endAllSessions } from './end-all-sessions.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { findStaffUserByEmail } from './find-staff-user-by-email.ts';
import { staffUserSnapshot, toStaffUserView, type StaffUserView } from './staff-user-view.ts';

export interface DisableStaffUserInput {
  email: string;
  actorId: number | null;
  now: Date;
}

/**
 * Disables an account and ends its sessions at once. The account is kept, never deleted: the
 * audit log refers to it for every change it made.
 */
export async function disableStaffUser(
  db: Db,
  input: DisableStaffUserInput,
): Promise<{ user: StaffUserView; sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const user = await findStaffUserByEmail(tx, input.email);
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    if (user.disabledAt) throw new DomainError('conflict', 'staff_already_disabled');
    const [updated] = await tx
      .update(staffUser)
      .set({ disabledAt: input.now })
      .where(eq(staffUser.id, user.id))
      .returning();
    const sessionsEnded = await endAllSessions(tx, user.id);
    await recordAccountAudit(tx, input, {
      action: 'staff.disable',
      userId: user.id,
      before: staffUserSnapshot(user),
      after: { ...staffUserSnapshot(updated!), sessionsEnded },
    });
    return { user: toStaffUserView(updated!), sessionsEnded };
  });
}
