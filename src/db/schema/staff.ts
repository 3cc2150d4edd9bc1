import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { staffRoles } from '#src/schemas/enums.ts';
import { inList } from './sql-list.ts';
import { requiredRef, timestampDefaultNow } from './columns.ts';

export const staffUser = sqliteTable(
  'staff_user',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Stored lower-cased. */
    email: text().notNull(),
    displayName: text().notNull(),
    role: text({ enum: staffRoles }).notNull(),
    passwordHash: text().notNull(),
    /**
     * The password was set by someone else (an admin, the command line) and is known to them:
     * the admin pages ask its owner to change it until they do.
     */
    passwordSetByOther: integer({ mode: 'boolean' }).notNull().default(false),
    disabledAt: integer({ mode: 'timestamp_ms' }),
    /**
     * The TOTP secret (base32) of the account's authenticator app once the second factor is on;
     * null while it is off. A secret being set up waits in totpPendingSecret until its first
     * code is confirmed, so a half-finished set-up never locks anyone out.
     */
    totpSecret: text(),
    totpPendingSecret: text(),
    totpEnabledAt: integer({ mode: 'timestamp_ms' }),
    /**
     * The last 30-second step whose code was accepted: a code is good once, so one read over a
     * shoulder or from a phishing page cannot be replayed within its minute.
     */
    totpLastStep: integer(),
    createdAt: timestampDefaultNow(),
  },
  (t) => [
    uniqueIndex('staff_user_email_unique').on(t.email),
    check('staff_user_role_known', inList(t.role, staffRoles)),
    check(
      'staff_user_email_lower',
      sql`${t.email} = lower(${t.email}) and ${t.email} like '%_@_%'`,
    ),
  ],
);

/**
 * Single-use recovery codes for when the authenticator app is lost; only their SHA-256 is kept
 * (each holds 50 random bits and is good once, so a slow hash buys nothing). A new set replaces
 * the old one.
 */
export const staffRecoveryCode = sqliteTable(
  'staff_recovery_code',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: requiredRef(() => staffUser.id, 'cascade'),
    codeHash: text().notNull(),
    usedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('staff_recovery_code_unique').on(t.userId, t.codeHash)],
);

/**
 * Browsers whose owner ticked "remember this device" after a second-factor login: logins from
 * them (by the keyed hash of the staff device cookie) skip the code until trustedUntil. Turning
 * the second factor on again, a reset and logging out everywhere forget them all.
 */
export const staffTrustedDevice = sqliteTable(
  'staff_trusted_device',
  {
    userId: requiredRef(() => staffUser.id, 'cascade'),
    deviceHash: text().notNull(),
    trustedUntil: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceHash] })],
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is the id. */
export const staffSession = sqliteTable(
  'staff_session',
  {
    id: text().primaryKey(),
    userId: requiredRef(() => staffUser.id, 'cascade'),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer({ mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer({ mode: 'timestamp_ms' }).notNull(),
    userAgent: text().notNull().default(''),
    /** Sent back by the browser in a header on every state-changing request. */
    csrfToken: text().notNull().default(''),
  },
  (t) => [index('staff_session_user_idx').on(t.userId)],
);

/**
 * Failed and successful logins, for throttling per account and address and per address, and to
 * know the addresses and devices an account has logged in from. Addresses are stored only as
 * keyed hashes under the day's key, like voters'; devices as keyed hashes of the staff device
 * cookie. Kept 30 days (src/domain/privacy/prune-expired-records.ts).
 */
export const loginAttempt = sqliteTable(
  'login_attempt',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer({ mode: 'timestamp_ms' }).notNull(),
    email: text().notNull(),
    addressHash: text().notNull(),
    /** Keyed hash of the browser's staff device cookie; empty when it had none. */
    deviceHash: text().notNull().default(''),
    succeeded: integer({ mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('login_attempt_email_at_idx').on(t.email, t.at),
    index('login_attempt_address_at_idx').on(t.addressHash, t.at),
  ],
);

/**
 * Append-only record of every change made through the app. Triggers in the migrations refuse
 * UPDATE and DELETE on this table.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: integer({ mode: 'timestamp_ms' }).notNull(),
    /** Null for actions of the system itself (seeding, migrations, scheduled jobs). */
    actorId: integer().references(() => staffUser.id, { onDelete: 'restrict' }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    /** JSON snapshots of the changed fields. */
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_at_idx').on(t.at),
  ],
);
