import type { Db } from '#src/db/client.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { endAllSessions } from './end-all-sessions.ts';
import { findStaffUserByEmail } from './find-staff-user-by-email.ts';
import { toStaffUserView, type StaffUserView } from './staff-user-view.ts';
import { clearSecondFactor } from './turn-off-second-factor.ts';

export interface ResetSecondFactorInput {
  email: string;
  /** Null for the command line, which acts as the system. */
  actorId: number | null;
  now: Date;
}

/**
 * For a staff member who lost both the phone and the recovery codes: forgets the account's
 * second factor and ends its sessions. At the next login an admin or monitor is asked to set up
 * a new app before anything else; whoever resets should have checked who is asking.
 */
export async function resetSecondFactor(
  db: Db,
  input: ResetSecondFactorInput,
): Promise<{ user: StaffUserView; sessionsEnded: number; wasOn: boolean }> {
  return db.transaction(async (tx) => {
    const user = await findStaffUserByEmail(tx, input.email);
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    const wasOn = user.totpSecret !== null;
    await clearSecondFactor(tx, user.id);
    const sessionsEnded = await endAllSessions(tx, user.id);
    await recordAccountAudit(tx, input, {
      action: 'staff.second_factor_reset',
      userId: user.id,
      before: { secondFactorOn: wasOn },
      after: { secondFactorOn: false, sessionsEnded },
    });
    return { user: toStaffUserView(user), sessionsEnded, wasOn };
  });
}
