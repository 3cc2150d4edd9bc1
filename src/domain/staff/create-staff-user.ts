import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import type { Db } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { staffRoles } from '#src/schemas/enums.ts';
import { staffDisplayNameSchema, staffEmailSchema, staffRoleSchema } from '#src/schemas/staff.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { findStaffUserByEmail } from './find-staff-user-by-email.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import { staffUserSnapshot, toStaffUserView, type StaffUserView } from './staff-user-view.ts';

export interface CreateStaffUserInput {
  email: string;
  displayName: string;
  /** One of staffRoles; checked here because the command line passes it through as typed. */
  role: string;
  password: string;
  /** Who creates the account; null for the command line. */
  actorId: number | null;
  now: Date;
}

function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  reason: string,
  details: Record<string, unknown> = {},
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DomainError('invalid_request', reason, details);
  return parsed.data;
}

/** Creates a staff account. The email must not be taken, in any letter case. */
export async function createStaffUser(db: Db, input: CreateStaffUserInput): Promise<StaffUserView> {
  const email = parseOrThrow(staffEmailSchema, input.email, 'invalid_email');
  const displayName = parseOrThrow(
    staffDisplayNameSchema,
    input.displayName,
    'invalid_display_name',
  );
  const role = parseOrThrow(staffRoleSchema, input.role, 'unknown_role', {
    roles: staffRoles.join(', '),
  });
  checkPasswordPolicy(input.password);
  // Checked again inside the transaction; this early look only spares a pointless hash.
  if (await findStaffUserByEmail(db, email)) {
    throw new DomainError('conflict', 'email_taken', { email });
  }
  // Half a second of scrypt, outside the transaction: transactions are queued per process and
  // must not hold up ballots while a hash is computed.
  const passwordHash = await hashPassword(input.password);

  try {
    return await db.transaction(async (tx) => {
      const taken = await tx
        .select({ id: staffUser.id })
        .from(staffUser)
        .where(eq(staffUser.email, email));
      if (taken.length > 0) throw new DomainError('conflict', 'email_taken', { email });
      const [row] = await tx
        .insert(staffUser)
        .values({
          email,
          displayName,
          role,
          passwordHash,
          // Whoever made the account chose the password: its owner is asked to change it.
          passwordSetByOther: true,
          createdAt: input.now,
        })
        .returning();
      await recordAccountAudit(tx, input, {
        action: 'staff.create',
        userId: row!.id,
        after: staffUserSnapshot(row!),
      });
      return toStaffUserView(row!);
    });
  } catch (e) {
    // Another process created the same email between our check and our insert.
    if (isEmailUniqueViolation(e)) throw new DomainError('conflict', 'email_taken', { email });
    throw e;
  }
}

function isEmailUniqueViolation(e: unknown): boolean {
  return databaseErrorMentions(e, 'UNIQUE constraint failed: staff_user.email');
}
