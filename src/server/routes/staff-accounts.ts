import { Hono, type Context } from 'hono';
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
 * Disabling an account or resetting its second factor is for a colleague's account only: an admin
 * locking themselves out would leave the site without anyone to undo it, and their own second
 * factor goes through the app (or the command line), so a stolen admin session cannot strip it.
 */
function refuseOwnAccount(c: Context<ApiEnv>, email: string) {
  if (email === c.var.staff!.user.email) throw new DomainError('conflict', 'account_self_change');
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
    const { db } = c.var.deps;
    const { email } = c.req.valid('json');
    refuseOwnAccount(c, email);
    const result = await disableStaffUser(db, {
      email,
      ...actingStaff(c),
    });
    return c.json(result, 200);
  })
  // For a colleague who lost phone and recovery codes.
  .post(
    '/staff/accounts/reset-second-factor',
    admins,
    validJson(staffAccountEmailSchema),
    async (c) => {
      const { db } = c.var.deps;
      const { email } = c.req.valid('json');
      refuseOwnAccount(c, email);
      const result = await resetSecondFactor(db, {
        email,
        ...actingStaff(c),
      });
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
