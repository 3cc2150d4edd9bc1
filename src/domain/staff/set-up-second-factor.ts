import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { verifyPassword } from './password.ts';
import { proveSecondFactor } from './prove-second-factor.ts';
import { newTotpSecret, totpUri } from './second-factor-codes.ts';

export interface SetUpSecondFactorInput {
  userId: number;
  /** The account's password: needed to set up the first app. */
  currentPassword?: string;
  /** A code of the app in use now: needed only to replace a second factor that is already on. */
  currentCode?: string;
  now: Date;
}

/**
 * Starts setting up an authenticator app: a new secret waits beside the account until a code
 * from it is confirmed (confirmSecondFactor), so an abandoned set-up changes nothing. Replacing
 * an app that is already on (a new phone) needs a code of the old one or a recovery code, and
 * the first app needs the account's password: either way a session left open cannot tie the
 * account to someone else's phone.
 */
export async function setUpSecondFactor(
  db: Db,
  input: SetUpSecondFactorInput,
): Promise<{ secret: string; uri: string }> {
  const account = await db.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
  if (!account) throw new DomainError('not_found', 'staff_not_found');
  // Checked outside the transaction (scrypt takes a while), and held to the same hash inside it.
  if (account.totpSecret === null) {
    if (!input.currentPassword) throw new DomainError('rule_violation', 'password_required');
    if (!(await verifyPassword(input.currentPassword, account.passwordHash))) {
      throw new DomainError('rule_violation', 'second_factor_wrong_password');
    }
  }
  return db.transaction(async (tx) => {
    const user = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    if (user.totpSecret === null && user.passwordHash !== account.passwordHash) {
      throw new DomainError('rule_violation', 'second_factor_wrong_password');
    }
    if (user.totpSecret !== null) {
      if (!input.currentCode) {
        throw new DomainError('rule_violation', 'second_factor_required');
      }
      await proveSecondFactor(tx, user, input.currentCode, input.now);
    }
    const secret = newTotpSecret();
    await tx.update(staffUser).set({ totpPendingSecret: secret }).where(eq(staffUser.id, user.id));
    return { secret, uri: totpUri(secret, user.email) };
  });
}
