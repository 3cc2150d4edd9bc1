import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffRecoveryCode, staffUser } from '#src/db/schema/index.ts';
import { secondFactorRequiredRoles } from '#src/schemas/enums.ts';

export interface SecondFactorStatus {
  on: boolean;
  onSince: Date | null;
  /** The role may not go without it (admin, monitor). */
  required: boolean;
  recoveryCodesLeft: number;
}

/** Where an account stands with its second factor, for its owner's page; null without account. */
export async function findSecondFactorStatus(
  db: Db,
  userId: number,
): Promise<SecondFactorStatus | null> {
  const user = await db.query.staffUser.findFirst({ where: eq(staffUser.id, userId) });
  if (!user) return null;
  const [left] = await db
    .select({ n: count() })
    .from(staffRecoveryCode)
    .where(and(eq(staffRecoveryCode.userId, userId), isNull(staffRecoveryCode.usedAt)));
  return {
    on: user.totpSecret !== null,
    onSince: user.totpEnabledAt,
    required: secondFactorRequiredRoles.includes(user.role),
    recoveryCodesLeft: left?.n ?? 0,
  };
}
