import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '#src/db/client.ts';
import { staffRecoveryCode, staffUser } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import {
  acceptedTotpStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodeHash,
} from './second-factor-codes.ts';

export type SecondFactorMethod = 'totp' | 'recovery_code';

/**
 * Checks a typed second-factor code against an account whose second factor is on, inside the
 * caller's transaction, and spends it: a TOTP code moves the account's last accepted step (so
 * it is good once), a recovery code is marked used. Both writes are conditional, so two
 * requests racing with one code cannot both pass. Throws `second_factor_failed` otherwise: as
 * `unauthenticated` (401) at a login, as `rule_violation` (422) from a live session, whose
 * pages take a 401 for a session that ended.
 */
export async function proveSecondFactor(
  tx: Tx,
  user: { id: number; totpSecret: string | null; totpLastStep: number | null },
  typed: string,
  now: Date,
  failure: 'unauthenticated' | 'rule_violation' = 'rule_violation',
): Promise<SecondFactorMethod> {
  const failed = new DomainError(failure, 'second_factor_failed');
  if (user.totpSecret === null) throw failed;
  const totp = normaliseTotpCode(typed);
  if (totp !== null) {
    const step = acceptedTotpStep(user.totpSecret, totp, now, user.totpLastStep);
    if (step === null) throw failed;
    const moved = await tx
      .update(staffUser)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(staffUser.id, user.id),
          or(isNull(staffUser.totpLastStep), lt(staffUser.totpLastStep, step)),
        ),
      )
      .returning({ id: staffUser.id });
    if (moved.length === 0) throw failed;
    return 'totp';
  }
  const recovery = normaliseRecoveryCode(typed);
  if (recovery === null) throw failed;
  const spent = await tx
    .update(staffRecoveryCode)
    .set({ usedAt: now })
    .where(
      and(
        eq(staffRecoveryCode.userId, user.id),
        eq(staffRecoveryCode.codeHash, recoveryCodeHash(recovery)),
        isNull(staffRecoveryCode.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCode.id });
  if (spent.length === 0) throw failed;
  return 'recovery_code';
}

/** A staff account whose second factor is on, for a change that a code of it must prove. */
export async function getSecondFactorUser(
  tx: Tx,
  userId: number,
): Promise<typeof staffUser.$inferSelect> {
  const user = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, userId) });
  if (!user) throw new DomainError('not_found', 'staff_not_found');
  if (user.totpSecret === null) throw new DomainError('conflict', 'second_factor_off');
  return user;
}
