import type { Db } from '../../src/db/client.ts';
import { staffUser } from '../../src/db/schema/index.ts';
import type { StaffRole } from '../../src/schemas/enums.ts';
import { hashPassword, type ScryptParams } from '../../src/domain/staff/password.ts';
import { cookieFrom, jsonRequest } from './test-api.ts';

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
}

/** A staff account with a unique email and a known password (written directly, not audited). */
export async function makeStaffUser(
  db: Db,
  overrides: { role?: StaffRole; password?: string; email?: string; disabledAt?: Date } = {},
): Promise<StaffFixture> {
  const password = overrides.password ?? `pw-${unique()}-long-enough`;
  const [row] = await db
    .insert(staffUser)
    .values({
      email: overrides.email ?? `staff-${unique()}@example.cn`,
      displayName: '测试工作人员',
      role: overrides.role ?? 'editor',
      passwordHash: await hashPassword(password, cheapScrypt),
      disabledAt: overrides.disabledAt ?? null,
    })
    .returning();
  return {
    id: row!.id,
    email: row!.email,
    displayName: row!.displayName,
    role: row!.role,
    password,
  };
}

interface RequestTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** POST /api/staff/session; the cookie to send back and the CSRF token, when it worked. */
export async function logInAs(
  api: RequestTarget,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
) {
  const res = await api.request('/api/staff/session', jsonRequest(credentials, headers));
  const body = res.status === 200 ? ((await res.clone().json()) as { csrfToken: string }) : null;
  return { res, cookie: cookieFrom(res), csrfToken: body?.csrfToken ?? '' };
}
