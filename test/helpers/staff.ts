import type { Db } from '#src/db/client.ts';
import { staffTrustedDevice, staffUser } from '#src/db/schema/index.ts';
import { secondFactorRequiredRoles, type StaffRole } from '#src/schemas/enums.ts';
import { hashPassword, type ScryptParams } from '#src/domain/staff/password.ts';
import { newTotpSecret } from '#src/domain/staff/second-factor-codes.ts';
import { staffDeviceCookieName } from '#src/server/staff-auth.ts';
import { deviceHash, newDeviceCookie } from '#src/server/voter-identity.ts';
import { certifyResults } from '#src/domain/results/certify-results.ts';
import { cookieFrom, jsonRequest, testSecret } from './test-api.ts';

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * Fixtures hash at a cheap cost so a test can log in dozens of times; verification reads the
 * cost from the stored string, so the code under test is the same. What the real cost does is
 * asserted in test/unit/staff-password.test.ts and through createStaffUser and the command line.
 */
const cheapScrypt: ScryptParams = { log2N: 10, r: 8, p: 1 };

export interface StaffFixture {
  id: number;
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
  /** The authenticator app's secret, when the account has a second factor. */
  totpSecret: string | null;
  /**
   * `staff_device=…` of a browser remembered after a second-factor login (signed with the test
   * API's secret), which logInAs sends: the account logs in with its password alone from it.
   */
  deviceCookie: string | null;
}

/**
 * A staff account with a unique email and a known password (written directly, not audited).
 * Roles that require a second factor get one by default, with a remembered device, so tests of
 * anything else log in as they did; `secondFactor: 'none'` leaves it off (to be set up), `'app'`
 * turns it on with no remembered device (every login needs a code).
 */
export async function makeStaffUser(
  db: Db,
  overrides: {
    role?: StaffRole;
    password?: string;
    email?: string;
    disabledAt?: Date;
    secondFactor?: 'none' | 'app' | 'remembered-device';
  } = {},
): Promise<StaffFixture> {
  const role = overrides.role ?? 'editor';
  const secondFactor =
    overrides.secondFactor ??
    (secondFactorRequiredRoles.includes(role) ? 'remembered-device' : 'none');
  const totpSecret = secondFactor === 'none' ? null : newTotpSecret();
  const password = overrides.password ?? `pw-${unique()}-long-enough`;
  const [row] = await db
    .insert(staffUser)
    .values({
      email: overrides.email ?? `staff-${unique()}@example.cn`,
      displayName: '测试工作人员',
      role,
      passwordHash: await hashPassword(password, cheapScrypt),
      disabledAt: overrides.disabledAt ?? null,
      totpSecret,
      totpEnabledAt: totpSecret === null ? null : new Date(0),
    })
    .returning();
  let deviceCookie: string | null = null;
  if (secondFactor === 'remembered-device') {
    const device = newDeviceCookie(testSecret, new Date(0));
    await db.insert(staffTrustedDevice).values({
      userId: row!.id,
      deviceHash: deviceHash(testSecret, device.deviceId),
      // Tests set their clocks anywhere: the device stays remembered for all of them.
      trustedUntil: new Date('2100-01-01T00:00:00Z'),
    });
    deviceCookie = `${staffDeviceCookieName}=${device.value}`;
  }
  return {
    id: row!.id,
    email: row!.email,
    displayName: row!.displayName,
    role: row!.role,
    password,
    totpSecret,
    deviceCookie,
  };
}

interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** POST /api/staff/session; the cookie to send back and the CSRF token, when it worked. */
export async function logInAs(
  api: RequestTarget,
  credentials: { email: string; password: string; deviceCookie?: string | null },
  headers: Record<string, string> = {},
) {
  const { email, password, deviceCookie } = credentials;
  const withDevice =
    deviceCookie && !headers.cookie ? { ...headers, cookie: deviceCookie } : headers;
  const res = await api.request('/api/staff/session', jsonRequest({ email, password }, withDevice));
  const body = res.status === 200 ? ((await res.clone().json()) as { csrfToken: string }) : null;
  return { res, cookie: cookieFrom(res), csrfToken: body?.csrfToken ?? '' };
}

/**
 * Certifies a closed campaign's results as a fresh monitor would, so that a test about what
 * follows the close sees the figures published (before certification they are under review).
 */
export async function certifyAsMonitor(db: Db, campaignSlug: string, now: Date): Promise<void> {
  const monitor = await makeStaffUser(db, { role: 'monitor' });
  await certifyResults(db, { campaignSlug, actorId: monitor.id, role: 'monitor', now });
}
