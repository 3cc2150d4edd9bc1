import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { staffRecoveryCode, staffTrustedDevice, staffUser } from '#src/db/schema/index.ts';
import { endOtherSessions } from './end-all-sessions.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import {
  acceptedTotpStep,
  newRecoveryCode,
  normaliseRecoveryCode,
  normaliseTotpCode,
  recoveryCodeCount,
  recoveryCodeHash,
} from './second-factor-codes.ts';

export interface ConfirmSecondFactorInput {
  userId: number;
  /** The session the set-up is made from: it stays, every other one ends. */
  sessionId: string;
  code: string;
  now: Date;
}

/**
 * Turns the second factor on with the app being set up, once a code from it proves it reads the
 * secret. Gives a new set of recovery codes (shown once; only hashes are kept), ends every
 * other session of the account and forgets remembered devices: whoever logged in without the
 * new factor is out.
 */
export async function confirmSecondFactor(
  db: Db,
  input: ConfirmSecondFactorInput,
): Promise<{ recoveryCodes: string[]; sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const user = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    const secret = user.totpPendingSecret;
    if (secret === null) throw new DomainError('conflict', 'second_factor_not_set_up');
    const code = normaliseTotpCode(input.code);
    const step = code === null ? null : acceptedTotpStep(secret, code, input.now, null);
    if (step === null) throw new DomainError('rule_violation', 'second_factor_setup_code_wrong');
    const replacing = user.totpSecret !== null;
    await tx
      .update(staffUser)
      .set({
        totpSecret: secret,
        totpPendingSecret: null,
        totpEnabledAt: input.now,
        totpLastStep: step,
      })
      .where(eq(staffUser.id, user.id));
    await tx.delete(staffTrustedDevice).where(eq(staffTrustedDevice.userId, user.id));
    const sessionsEnded = await endOtherSessions(tx, user.id, input.sessionId);
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAccountAudit(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.second_factor_on',
        userId: user.id,
        after: { replacedApp: replacing, sessionsEnded },
      },
    );
    return { recoveryCodes, sessionsEnded };
  });
}

/** A fresh set of recovery codes in place of the old ones; the codes themselves, to show once. */
export async function replaceRecoveryCodes(tx: Tx, userId: number): Promise<string[]> {
  await tx.delete(staffRecoveryCode).where(eq(staffRecoveryCode.userId, userId));
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await tx
    .insert(staffRecoveryCode)
    .values(codes.map((c) => ({ userId, codeHash: recoveryCodeHash(normaliseRecoveryCode(c)!) })));
  return codes;
}
