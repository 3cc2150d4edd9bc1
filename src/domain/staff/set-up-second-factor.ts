import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { proveSecondFactor } from './prove-second-factor.ts';
import { newTotpSecret, totpUri } from './second-factor-codes.ts';

export interface SetUpSecondFactorInput {
  userId: number;
  /** A code of the app in use now: needed only to replace a second factor that is already on. */
  currentCode?: string;
  now: Date;
}

/**
 * Starts setting up an authenticator app: a new secret waits beside the account until a code
 * from it is confirmed (confirmSecondFactor), so an abandoned set-up changes nothing. Replacing
 * an app that is already on (a new phone) needs a code of the old one or a recovery code, so an
 * unattended session cannot move the account to someone else's phone.
 */
export async function setUpSecondFactor(
  db: Db,
  input: SetUpSecondFactorInput,
): Promise<{ secret: string; uri: string }> {
  return db.transaction(async (tx) => {
    const user = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
    if (!user) throw new DomainError('not_found', 'staff_not_found');
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
