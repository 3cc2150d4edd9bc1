import type { Db } from '#src/db/client.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { replaceRecoveryCodes } from './confirm-second-factor.ts';
import { getSecondFactorUser, proveSecondFactor } from './prove-second-factor.ts';

export interface RenewRecoveryCodesInput {
  userId: number;
  /** A code of the app, or one of the old recovery codes. */
  code: string;
  now: Date;
}

/** A new set of recovery codes (the old ones stop working), for a code of the second factor. */
export async function renewRecoveryCodes(
  db: Db,
  input: RenewRecoveryCodesInput,
): Promise<{ recoveryCodes: string[] }> {
  return db.transaction(async (tx) => {
    const user = await getSecondFactorUser(tx, input.userId);
    await proveSecondFactor(tx, user, input.code, input.now);
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAccountAudit(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.recovery_codes_renew',
        userId: user.id,
        after: { recoveryCodes: recoveryCodes.length },
      },
    );
    return { recoveryCodes };
  });
}
