import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { staffRecoveryCode, staffTrustedDevice, staffUser } from '#src/db/schema/index.ts';
import { secondFactorRequiredRoles } from '#src/schemas/enums.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { getSecondFactorUser, proveSecondFactor } from './prove-second-factor.ts';

export interface TurnOffSecondFactorInput {
  userId: number;
  code: string;
  now: Date;
}

/**
 * A staff member whose role does not require it turns their second factor off, with a code of
 * it. Admins and monitors cannot: their role requires it (a new phone is set up instead).
 */
export async function turnOffSecondFactor(db: Db, input: TurnOffSecondFactorInput): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await getSecondFactorUser(tx, input.userId);
    if (secondFactorRequiredRoles.includes(user.role)) {
      throw new DomainError('forbidden', 'second_factor_required_for_role');
    }
    await proveSecondFactor(tx, user, input.code, input.now);
    await clearSecondFactor(tx, user.id);
    await recordAccountAudit(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.second_factor_off',
        userId: user.id,
        after: null,
      },
    );
  });
}

/** Forgets an account's app, recovery codes and remembered devices. */
export async function clearSecondFactor(tx: Tx, userId: number): Promise<void> {
  await tx
    .update(staffUser)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(staffUser.id, userId));
  await tx.delete(staffRecoveryCode).where(eq(staffRecoveryCode.userId, userId));
  await tx.delete(staffTrustedDevice).where(eq(staffTrustedDevice.userId, userId));
}
