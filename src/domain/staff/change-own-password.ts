import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffSession, staffUser } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
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
    const ended = await tx
      .delete(staffSession)
      .where(and(eq(staffSession.userId, user.id), ne(staffSession.id, input.sessionId)))
      .returning({ id: staffSession.id });
    await recordAuditEntry(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.change_password',
        entityType: 'staff_user',
        entityId: user.id,
        before: null,
        after: { passwordChangedAt: input.now.toISOString(), sessionsEnded: ended.length },
      },
    );
    return { sessionsEnded: ended.length };
  });
}
