import { z } from 'zod';
import { lineText } from './text.ts';
import { staffRoles } from './enums.ts';

/**
 * Shapes of staff accounts, shared by the domain verbs, the staff API and the command line.
 * No server imports: the admin pages will validate their forms with the same schemas.
 */

/** NIST SP 800-63B: at least 12 characters makes length, not composition rules, the defence. */
export const passwordMinLength = 12;
/** Long enough for any passphrase or password manager, short enough to bound the work per try. */
export const passwordMaxLength = 256;

/** Stored lower-cased (the database checks it), so one person cannot hold two accounts. */
export const staffEmailSchema = lineText().trim().toLowerCase().pipe(z.email().max(254));

export const staffDisplayNameSchema = lineText().trim().min(1).max(100);

export const staffRoleSchema = z.enum(staffRoles);

/**
 * The login form. The email is only checked for an @, not for full format (a stricter check
 * changed later must not lock out an existing account): the @ keeps a password typed into the
 * email field by mistake out of login_attempt, which stores the email as typed.
 */
export const staffLoginRequestSchema = z.object({
  email: lineText()
    .trim()
    .max(320)
    .regex(/^[^\s@]+@[^\s@]+$/, 'an email address'),
  password: z.string().min(1).max(1024),
  /** The bot-check proof for the action `login`, asked for after repeated failed logins. */
  botCheck: lineText().min(1).max(4096).optional(),
  /** A code of the authenticator app or a recovery code, for an account with a second factor. */
  secondFactorCode: lineText().max(32).optional(),
  /** Skip the code on this browser for 30 days after this login. */
  rememberDevice: z.boolean().optional(),
});
export type StaffLoginRequest = z.infer<typeof staffLoginRequestSchema>;

/** A staff member's own new password; the policy (length) is the verb's, as for the others. */
export const staffPasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().max(1024),
  })
  .strict();

/** A code of the authenticator app (six digits) or a recovery code, as typed. */
export const secondFactorCodeSchema = z.object({ code: lineText().min(1).max(32) }).strict();

/** Starting a set-up: a first app needs the password, replacing an app a code of it. */
export const secondFactorSetupSchema = z
  .object({
    /** The account's password: needed to set up a first app. */
    currentPassword: z.string().min(1).max(1024).optional(),
    /** A code of the app in use: needed to replace it. */
    currentCode: lineText().min(1).max(32).optional(),
  })
  .strict();

// Field rules of the account routes (length, role names, password policy) are the verbs' own,
// shared with the command line; these schemas only check the shape.
export const staffAccountCreateSchema = z
  .object({
    email: lineText().max(254),
    displayName: lineText().max(200),
    role: lineText().max(20),
    password: z.string().max(1024),
  })
  .strict();
export const staffAccountEmailSchema = z.object({ email: staffEmailSchema }).strict();
export const staffPasswordResetSchema = z
  .object({ email: staffEmailSchema, password: z.string().max(1024) })
  .strict();
