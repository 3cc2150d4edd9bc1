import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { replaceRecoveryCodes } from './confirm-second-factor.ts';
import { proveSecondFactor } from './prove-second-factor.ts';

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
    const user = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, input.userId) });
    if (!user) throw new DomainError('not_found', 'staff_not_found');
    if (user.totpSecret === null) throw new DomainError('conflict', 'second_factor_off');
    await proveSecondFactor(tx, user, input.code, input.now);
    const recoveryCodes = await replaceRecoveryCodes(tx, user.id);
    await recordAuditEntry(
      tx,
      { actorId: user.id, now: input.now },
      {
        action: 'staff.recovery_codes_renew',
        entityType: 'staff_user',
        entityId: user.id,
        before: null,
        after: { recoveryCodes: recoveryCodes.length },
      },
    );
    return { recoveryCodes };
  });
}
