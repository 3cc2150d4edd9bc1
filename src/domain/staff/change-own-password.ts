import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { endOtherSessions } from './end-all-sessions.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';

export interface ChangeOwnPasswordInput {
  userId: number;
  /** The session the change is made from: it stays, every other one ends. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  now: Date;
}

/**
 * A staff member replaces their own password. The current one is required, so a session left
 * open on a shared computer cannot be turned into the account. Every other session of the
 * account ends (whoever knew the old password, or held a cookie got with it, is out); this one
 * stays, so the person is not thrown out of what they were doing. The audit row says that the
 * password changed and how many sessions ended, never a hash.
 */
export async function changeOwnPassword(
  db: Db,
  input: ChangeOwnPasswordInput,
): Promise<{ sessionsEnded: number }> {
  checkPasswordPolicy(input.newPassword);
  const user = await db.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
  if (!user) throw new DomainError('not_found', 'staff_not_found');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new DomainError('rule_violation', 'wrong_current_password');
  }
  if (input.currentPassword === input.newPassword) {
    throw new DomainError('rule_violation', 'password_unchanged');
  }
  // Hashed outside the transaction, which would otherwise hold the process's write queue.
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(staffUser)
      .set({ passwordHash, passwordSetByOther: false })
      .where(eq(staffUser.id, user.id));
    const sessionsEnded = await endOtherSessions(tx, user.id, input.sessionId);
    await recordAccountAudit(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.change_password',
        userId: user.id,
        after: { passwordChangedAt: input.now.toISOString(), sessionsEnded },
      },
    );
    return { sessionsEnded };
  });
}
