import { Hono, type Context } from 'hono';
import type { Db } from '#src/db/client.ts';
import { resetSecondFactor } from '#src/domain/staff/reset-second-factor.ts';
import { DomainError } from '#src/domain/errors.ts';
import { createStaffUser } from '#src/domain/staff/create-staff-user.ts';
import { disableStaffUser } from '#src/domain/staff/disable-staff-user.ts';
import { listStaffUsers } from '#src/domain/staff/list-staff-users.ts';
import { resetStaffPassword } from '#src/domain/staff/reset-staff-password.ts';
import {
  staffAccountCreateSchema,
  staffAccountEmailSchema,
  staffPasswordResetSchema,
} from '#src/schemas/staff.ts';
import { validJson } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/** Staff accounts for admins. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffAccountRoutes = new Hono<ApiEnv>();

const admins = requireStaff(...staffActions['account.manage']);

/**
 * An admin's action on an account named by email (disabling it, resetting its second factor),
 * for a colleague's account only: an admin locking themselves out would leave the site without
 * anyone to undo it, and their own second factor goes through the app (or the command line), so
 * a stolen admin session cannot strip it.
 */
function onColleagueAccount<R>(
  c: Context<ApiEnv>,
  email: string,
  verb: (db: Db, input: { email: string; actorId: number; now: Date }) => Promise<R>,
): Promise<R> {
  if (email === c.var.staff!.user.email) throw new DomainError('conflict', 'account_self_change');
  return verb(c.var.deps.db, { email, ...actingStaff(c) });
}

staffAccountRoutes
  .get('/staff/accounts', admins, async (c) => {
    return c.json({ accounts: await listStaffUsers(c.var.deps.db) }, 200);
  })
  .post('/staff/accounts', admins, validJson(staffAccountCreateSchema), async (c) => {
    const { db } = c.var.deps;
    const user = await createStaffUser(db, {
      ...c.req.valid('json'),
      ...actingStaff(c),
    });
    return c.json({ user }, 201);
  })
  .post('/staff/accounts/disable', admins, validJson(staffAccountEmailSchema), async (c) => {
    const result = await onColleagueAccount(c, c.req.valid('json').email, disableStaffUser);
    return c.json(result, 200);
  })
  // For a colleague who lost phone and recovery codes.
  .post(
    '/staff/accounts/reset-second-factor',
    admins,
    validJson(staffAccountEmailSchema),
    async (c) => {
      const result = await onColleagueAccount(c, c.req.valid('json').email, resetSecondFactor);
      return c.json(result, 200);
    },
  )
  .post(
    '/staff/accounts/reset-password',
    admins,
    validJson(staffPasswordResetSchema),
    async (c) => {
      const { db } = c.var.deps;
      const { email, password } = c.req.valid('json');
      const result = await resetStaffPassword(db, {
        email,
        newPassword: password,
        ...actingStaff(c),
      });
      return c.json(result, 200);
    },
  );
