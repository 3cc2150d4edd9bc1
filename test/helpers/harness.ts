/**
 * The set-up most integration files share, registered in one line each: a fresh database for the
 * file, the API over it, and logged-in staff sessions per role.
 *
 *   const db = useTestDb();
 *   const api = useTestApi(db, { clock: fixedClock(now) });
 *   const staff = useStaffSessions(api, db, ['admin', 'editor']);
 *   it('…', () => api.request(path, jsonRequest(body, staff.headers('editor'))));
 *
 * Each returns a handle at once and fills it in a `beforeAll` (the database is closed and
 * removed in `afterAll`), so files declare them at the top instead of `let` and a hook each.
 * Hooks run in the order registered: the database, then the API, then the sessions.
 */
import { afterAll, beforeAll } from 'vitest';
import type { StaffRole } from '#src/schemas/enums.ts';
import { logInAs, makeStaffUser, type StaffFixture } from './staff.ts';
import { testApi } from './test-api.ts';
import { createTestDb, type TestDb } from './test-db.ts';

/**
 * An object that stands for one made later: every property read goes to the real one, and
 * reading before it exists says which hook was missed instead of failing on `undefined`.
 */
function later<T extends object>(what: string): { handle: T; set(value: T): void } {
  let real: T | undefined;
  const handle = new Proxy({} as T, {
    get(_, key) {
      if (real === undefined) throw new Error(`${what} is made in beforeAll; use it in a test`);
      const value = Reflect.get(real, key, real) as unknown;
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(real)
        : value;
    },
  });
  return { handle, set: (value) => (real = value) };
}

/** A fresh database file with every migration applied, for this file's tests. */
export function useTestDb(): TestDb {
  const db = later<TestDb>('The test database');
  let made: TestDb | undefined;
  beforeAll(async () => {
    made = await createTestDb();
    db.set(made);
  });
  afterAll(() => made?.destroy());
  return db.handle;
}

type TestApi = ReturnType<typeof testApi>;

/** The API over the file's database (testApi: the real bot check at its cheapest cost). */
export function useTestApi(db: TestDb, options: Parameters<typeof testApi>[1]): TestApi {
  const api = later<TestApi>('The test API');
  beforeAll(() => api.set(testApi(db, options)));
  return api.handle;
}

export interface StaffSession extends StaffFixture {
  cookie: string;
  csrfToken: string;
}

export interface StaffSessions<Name extends string = StaffRole> {
  /** The account and live session of a role (or of a named account). */
  as(name: Name): StaffSession;
  /** What a staff request of that account sends: its cookie and CSRF token (and `extra`). */
  headers(name: Name, extra?: Record<string, string>): Record<string, string>;
  /** A request as that account: its cookie and CSRF token, `body` sent as JSON when given. */
  send(name: Name, method: string, path: string, body?: unknown): Promise<Response>;
  /** Logs every account in again, as after the clock moved past the sessions' life. */
  logInAgain(): Promise<void>;
}

/**
 * One account per role, each logged in once before the file's tests. Files that need two
 * accounts of one role (two tellers) name them instead: `{ teller1: 'teller', teller2: 'teller' }`.
 */
export function useStaffSessions(
  api: TestApi,
  db: TestDb,
  roles: readonly StaffRole[],
): StaffSessions;
export function useStaffSessions<Name extends string>(
  api: TestApi,
  db: TestDb,
  accounts: Record<Name, StaffRole>,
): StaffSessions<Name>;
export function useStaffSessions(
  api: TestApi,
  db: TestDb,
  accounts: readonly StaffRole[] | Record<string, StaffRole>,
): StaffSessions<string> {
  const named: [string, StaffRole][] = Array.isArray(accounts)
    ? accounts.map((role) => [role, role])
    : Object.entries(accounts);
  const sessions = new Map<string, StaffSession>();
  const logIn = async (name: string, user: StaffFixture) => {
    const { res, cookie, csrfToken } = await logInAs(api, user);
    if (res.status !== 200) throw new Error(`${name} could not log in: ${res.status}`);
    sessions.set(name, { ...user, cookie, csrfToken });
  };
  beforeAll(async () => {
    for (const [name, role] of named) await logIn(name, await makeStaffUser(db.db, { role }));
  });
  const as = (name: string) => {
    const session = sessions.get(name);
    if (!session) throw new Error(`no ${name} session: list it in useStaffSessions`);
    return session;
  };
  const headers = (name: string, extra: Record<string, string> = {}) => {
    const { cookie, csrfToken } = as(name);
    return { cookie, 'x-csrf-token': csrfToken, ...extra };
  };
  return {
    as,
    headers,
    send: async (name, method, path, body) =>
      api.request(path, {
        method,
        headers: headers(name, { 'content-type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    logInAgain: async () => {
      for (const [name, session] of sessions) await logIn(name, session);
    },
  };
}
