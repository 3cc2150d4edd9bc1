import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { auditLog, loginAttempt, staffSession as sessionTable } from '#src/db/schema/index.ts';
import { createStaffUser } from '#src/domain/staff/create-staff-user.ts';
import { disableStaffUser } from '#src/domain/staff/disable-staff-user.ts';
import { resetStaffPassword } from '#src/domain/staff/reset-staff-password.ts';
import {
  staffSessionAbsoluteTimeoutMs,
  staffSessionIdleTimeoutMs,
} from '#src/domain/staff/session-lifetime.ts';
import type { ApiEnv, ResolvedDeps } from '#src/server/api-deps.ts';
import { useTestDb } from '../helpers/harness.ts';
import { cheapAltcha, solvedProof } from '../helpers/bot-proof.ts';
import { createAddressKeys } from '#src/server/address-keys.ts';
import { parseConfig } from '#src/server/config.ts';
import { handleError } from '#src/server/http-errors.ts';
import { requireStaff, staffSession } from '#src/server/staff-auth.ts';
import { logInAs, makeStaffUser } from '../helpers/staff.ts';
import { fixedClock, jsonRequest, testApi, testSecret } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T02:00:00Z'); // 10:00 in Shanghai
const origin = 'http://127.0.0.1:4321'; // testApi's PUBLIC_BASE_URL default
const minute = 60_000;
const db = useTestDb();
let address = 0;
/** A network of its own per test, so the per-address throttle of one test never hits another. */
const newAddress = () => `198.51.100.${++address}`;

function setup(env: Record<string, string> = {}) {
  const clock = fixedClock(now);
  const client = newAddress();
  const api = testApi(db, { clock, env });
  /** Requests from this test's own address, as a browser on this site would send them. */
  const send = (path: string, init: RequestInit = {}) =>
    api.request(path, {
      ...init,
      headers: { 'x-test-client': client, ...(init.headers as Record<string, string>) },
    });
  return { api, clock, client, send, request: send };
}

function withSession(session: { cookie: string; csrfToken?: string }, extra = {}) {
  return {
    cookie: session.cookie,
    ...(session.csrfToken !== undefined ? { 'x-csrf-token': session.csrfToken } : {}),
    ...extra,
  };
}

async function sessionsOf(userId: number) {
  return db.db.select().from(sessionTable).where(eq(sessionTable.userId, userId));
}

describe('POST /api/staff/session (login)', () => {
  it('opens a session: 200 with the user and a CSRF token, an HttpOnly SameSite=Strict cookie', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db, { role: 'monitor' });
    const { res, cookie } = await logInAs(t, user);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.user).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'monitor',
    });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(body)).not.toContain('scrypt');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('staff=')) ?? '';
    expect(setCookie).toMatch(/^staff=[\w-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    expect(setCookie).toMatch(/; Path=\//);
    // Over plain http the browser would drop a Secure cookie; a session cookie has no Max-Age.
    expect(setCookie).not.toMatch(/Secure|Max-Age|Expires/i);

    // The database knows the session only by the token's SHA-256.
    const token = cookie.split('=')[1]!;
    const [row] = await sessionsOf(user.id);
    expect(row!.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row!.csrfToken).toBe(body.csrfToken);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(staffSessionAbsoluteTimeoutMs);

    // The attempt is recorded with a keyed hash of the address, never the address.
    const attempts = await db.db
      .select()
      .from(loginAttempt)
      .where(eq(loginAttempt.email, user.email));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.succeeded).toBe(true);
    expect(attempts[0]!.addressHash).not.toContain(t.client);
    expect(attempts[0]!.addressHash).toMatch(/^[\w-]{43}$/);
  });

  it('names the cookie __Host-staff and marks it Secure when the site is served over https', async () => {
    const site = 'https://pingxuan.example.cn';
    const t = setup({ PUBLIC_BASE_URL: site });
    const user = await makeStaffUser(db.db);
    const { res, cookie } = await logInAs(t, user, { origin: site });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-staff=/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect((await t.send('/api/staff/session', { headers: { cookie } })).status).toBe(200);
    // The plain name is not read on an https site.
    const plain = cookie.replace('__Host-staff=', 'staff=');
    expect((await t.send('/api/staff/session', { headers: { cookie: plain } })).status).toBe(401);
  });

  it('accepts the email in any letter case and with spaces around it', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const { res } = await logInAs(t, {
      email: `  ${user.email.toUpperCase()} `,
      password: user.password,
    });
    expect(res.status).toBe(200);
  });

  it('gives a new session id at every login, and the earlier session stays valid', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const first = await logInAs(t, user);
    const second = await logInAs(t, user);
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.csrfToken).not.toBe(second.csrfToken);
    // Sending an existing cookie along does not make the login reuse it (no session fixation).
    const third = await logInAs(t, user, { cookie: first.cookie });
    expect(new Set([first.cookie, second.cookie, third.cookie]).size).toBe(3);
    const rows = await sessionsOf(user.id);
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    for (const s of [first, second, third]) {
      expect((await t.send('/api/staff/session', { headers: { cookie: s.cookie } })).status).toBe(
        200,
      );
    }
  });

  it('answers a wrong password, an unknown email and a disabled account alike: 401 bad_credentials', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const disabled = await makeStaffUser(db.db, { disabledAt: now });
    const wrongPassword = await logInAs(t, { email: user.email, password: `${user.password}x` });
    const unknownEmail = await logInAs(t, {
      email: 'nobody-here@example.cn',
      password: user.password,
    });
    const disabledAccount = await logInAs(t, disabled);
    const bodies = [];
    for (const { res } of [wrongPassword, unknownEmail, disabledAccount]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      bodies.push(await res.json());
    }
    expect(bodies[0].error).toMatchObject({
      code: 'unauthenticated',
      reason: 'bad_credentials',
      message: '邮箱或密码不正确。',
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(await sessionsOf(disabled.id)).toHaveLength(0);
  });

  it('answers in the reader’s language', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const res = await t.send(
      '/api/staff/session?lang=en',
      jsonRequest({ email: user.email, password: 'not the password' }),
    );
    expect((await res.json()).error.message).toBe(
      'The email address or the password is not correct.',
    );
  });

  it('refuses a malformed body with 400 and the issues, and a body that is not JSON', async () => {
    const t = setup();
    const res = await t.send('/api/staff/session', jsonRequest({ email: 'a@b.cn' }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(['password']);

    // Something typed into the email field that is no email (perhaps the password) is neither
    // tried nor stored.
    const notEmail = await t.send(
      '/api/staff/session',
      jsonRequest({ email: 'MySecretPassword1', password: 'MySecretPassword1' }),
    );
    expect(notEmail.status).toBe(400);
    expect((await notEmail.json()).error.issues[0].path).toBe('email');
    const [stored] = await db.db
      .select({ n: count() })
      .from(loginAttempt)
      .where(eq(loginAttempt.email, 'mysecretpassword1'));
    expect(stored!.n).toBe(0);

    const form = await t.send('/api/staff/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.cn&password=whatever-long',
    });
    expect(form.status).toBe(400);
    expect((await form.json()).error.code).toBe('invalid_request');
  });

  it('refuses a login posted from another site (login CSRF) with 403 csrf_failed', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const { res } = await logInAs(t, user, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('takes a login from either loopback name of a site served on this machine, never another port or site', async () => {
    // The quick start serves http://127.0.0.1:4321 and readers open http://localhost:4321.
    for (const alias of ['http://localhost:4321', 'http://[::1]:4321', 'http://127.0.0.1:4321']) {
      const t = setup();
      const { res } = await logInAs(t, await makeStaffUser(db.db), { origin: alias });
      expect(res.status, alias).toBe(200);
    }
    for (const other of [
      'http://localhost:4322',
      'https://localhost:4321',
      'http://localhost.evil.example:4321',
      'null',
    ]) {
      const t = setup();
      const { res } = await logInAs(t, await makeStaffUser(db.db), { origin: other });
      expect(res.status, other).toBe(403);
    }
    // A site with a public name is that name alone.
    const named = setup({ PUBLIC_BASE_URL: 'https://xuanping.example.cn' });
    const { res } = await logInAs(named, await makeStaffUser(db.db), {
      origin: 'http://localhost:4321',
    });
    expect(res.status).toBe(403);
  });

  it('is not part of the public OpenAPI document', async () => {
    const t = setup();
    const doc = await (await t.send('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/staff'))).toBe(false);
    expect(Object.keys(doc.paths)).toContain('/api/ballots');
  });
});

describe('GET /api/staff/session', () => {
  it('gives the user and the CSRF token of a live session, and 401 without one', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db, { role: 'auditor' });
    const session = await logInAs(t, user);
    const res = await t.send('/api/staff/session', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      user: { id: user.id, email: user.email, displayName: user.displayName, role: 'auditor' },
      csrfToken: session.csrfToken,
      secondFactor: 'off',
    });

    const anonymous = await t.send('/api/staff/session');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatchObject({
      code: 'unauthenticated',
      message: '请先登录。',
    });
  });

  it('refuses forged and malformed cookies and tells the browser to drop them', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const real = await logInAs(t, user);
    const token = real.cookie.split('=')[1]!;
    // The session id itself (the hash) is not a token; neither is a random one.
    const sessionId = createHash('sha256').update(token).digest('hex');
    for (const forged of [
      `staff=${sessionId}`,
      `staff=${'A'.repeat(43)}`,
      `staff=${token.slice(0, 42)}`,
      'staff=',
    ]) {
      const res = await t.send('/api/staff/session', { headers: { cookie: forged } });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
      expect(res.headers.get('set-cookie')).toMatch(/^staff=;.*Max-Age=0/);
    }
  });

  it('ends a session idle for more than 30 minutes, and deletes it', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const { cookie } = await logInAs(t, user);
    t.clock.advance(staffSessionIdleTimeoutMs + minute); // 31 minutes
    const res = await t.send('/api/staff/session', { headers: { cookie } });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({
      code: 'unauthenticated',
      reason: 'session_expired',
    });
    expect(await sessionsOf(user.id)).toHaveLength(0);
    const [ended] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'staff.session_end'), eq(auditLog.entityId, String(user.id))));
    expect(ended!.after).toEqual({ reason: 'idle' });
  });

  it('counts idle time from the last request: activity keeps the session alive', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const { cookie } = await logInAs(t, user);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(29 * minute);
      expect((await t.send('/api/staff/session', { headers: { cookie } })).status).toBe(200);
    }
    const [row] = await sessionsOf(user.id);
    expect(row!.lastSeenAt.getTime()).toBe(t.clock.now().getTime());
  });

  it('ends a session 12 hours after login however active it was', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const { cookie } = await logInAs(t, user);
    const loginAt = t.clock.now().getTime();
    // A request every 20 minutes: never idle.
    while (t.clock.now().getTime() + 20 * minute < loginAt + staffSessionAbsoluteTimeoutMs) {
      t.clock.advance(20 * minute);
      expect((await t.send('/api/staff/session', { headers: { cookie } })).status).toBe(200);
    }
    t.clock.set(new Date(loginAt + staffSessionAbsoluteTimeoutMs));
    const res = await t.send('/api/staff/session', { headers: { cookie } });
    expect(res.status).toBe(401);
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('ends the sessions of an account that is disabled or whose password is reset', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const other = await makeStaffUser(db.db);
    const a = await logInAs(t, user);
    const b = await logInAs(t, other);
    await disableStaffUser(db.db, { email: user.email, actorId: null, now });
    expect((await t.send('/api/staff/session', { headers: { cookie: a.cookie } })).status).toBe(
      401,
    );
    expect((await logInAs(t, user)).res.status).toBe(401);

    await resetStaffPassword(db.db, {
      email: other.email,
      newPassword: 'a brand new passphrase',
      actorId: null,
      now,
    });
    expect((await t.send('/api/staff/session', { headers: { cookie: b.cookie } })).status).toBe(
      401,
    );
    expect((await logInAs(t, other)).res.status).toBe(401);
    expect(
      (await logInAs(t, { email: other.email, password: 'a brand new passphrase' })).res.status,
    ).toBe(200);
  });
});

describe('DELETE /api/staff/session (logout)', () => {
  it('needs the CSRF token of the session and, when sent, this site’s Origin: else 403 csrf_failed', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const session = await logInAs(t, user);
    const other = await logInAs(t, await makeStaffUser(db.db));
    const attempts: Record<string, string>[] = [
      withSession({ cookie: session.cookie }), // no token
      withSession({ cookie: session.cookie, csrfToken: '' }),
      withSession({ cookie: session.cookie, csrfToken: 'x'.repeat(43) }),
      withSession({ cookie: session.cookie, csrfToken: other.csrfToken }), // another session's
      withSession(session, { origin: 'https://evil.example' }),
      withSession(session, { origin: 'null' }),
      withSession(session, { origin: 'http://127.0.0.1:4322' }),
    ];
    for (const headers of attempts) {
      const res = await t.send('/api/staff/session', { method: 'DELETE', headers });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('csrf_failed');
    }
    // None of them ended the session.
    expect(
      (await t.send('/api/staff/session', { headers: { cookie: session.cookie } })).status,
    ).toBe(200);
  });

  it('ends this session only: 204, the cookie cleared, the old cookie useless', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const session = await logInAs(t, user);
    const elsewhere = await logInAs(t, user);
    const res = await t.send('/api/staff/session', {
      method: 'DELETE',
      headers: withSession(session, { origin }),
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^staff=;.*Max-Age=0/);
    expect(
      (await t.send('/api/staff/session', { headers: { cookie: session.cookie } })).status,
    ).toBe(401);
    expect(
      (await t.send('/api/staff/session', { headers: { cookie: elsewhere.cookie } })).status,
    ).toBe(200);
    // Replaying the logout with the dead cookie is refused, not repeated.
    const again = await t.send('/api/staff/session', {
      method: 'DELETE',
      headers: withSession(session),
    });
    expect(again.status).toBe(401);
  });

  it('is 401 without a session', async () => {
    const t = setup();
    const res = await t.send('/api/staff/session', {
      method: 'DELETE',
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(res.status).toBe(401);
  });
});

describe('DELETE /api/staff/sessions (log out everywhere)', () => {
  it('ends every session of the account and no one else’s', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const colleague = await makeStaffUser(db.db);
    const here = await logInAs(t, user);
    const there = await logInAs(t, user);
    const theirs = await logInAs(t, colleague);

    const forged = await t.send('/api/staff/sessions', {
      method: 'DELETE',
      headers: withSession({ cookie: here.cookie, csrfToken: there.csrfToken }),
    });
    expect(forged.status).toBe(403);
    expect(await sessionsOf(user.id)).toHaveLength(2);

    const res = await t.send('/api/staff/sessions', {
      method: 'DELETE',
      headers: withSession(here),
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^staff=;.*Max-Age=0/);
    expect(await sessionsOf(user.id)).toHaveLength(0);
    for (const s of [here, there]) {
      expect((await t.send('/api/staff/session', { headers: { cookie: s.cookie } })).status).toBe(
        401,
      );
    }
    expect(
      (await t.send('/api/staff/session', { headers: { cookie: theirs.cookie } })).status,
    ).toBe(200);
    const [row] = await db.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'staff.logout_everywhere'), eq(auditLog.entityId, String(user.id))),
      );
    expect(row).toMatchObject({ actorId: user.id, after: { sessionsEnded: 2 } });
  });
});

describe('login throttling', () => {
  async function attemptCount(email: string) {
    const [row] = await db.db
      .select({ n: count() })
      .from(loginAttempt)
      .where(eq(loginAttempt.email, email));
    return row!.n;
  }
  /** The staff device cookie a successful login gave the browser. */
  function staffDeviceOf(res: Response): string {
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('staff_device='));
    return cookie?.split(';')[0] ?? '';
  }
  const wrong = (email: string) => ({ email, password: 'wrong password!' });
  const from = (client: string, extra: Record<string, string> = {}) => ({
    'x-test-client': client,
    ...extra,
  });

  it('makes one account wait a minute after 5 failures from one address, without checking the password', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    for (let i = 0; i < 5; i++) {
      expect((await t.send('/api/staff/session', jsonRequest(wrong(user.email)))).status).toBe(401);
    }
    // Even the right password is refused from there now, and the refusal is not counted.
    const refused = await t.send('/api/staff/session', jsonRequest(user));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    const body = await refused.json();
    expect(body.error).toMatchObject({
      code: 'rate_limited',
      reason: 'login_throttled',
      details: { retryAfterSeconds: 60 },
      message: '从这里登录这个账号失败次数过多，请 1 分钟后再试。',
    });
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await attemptCount(user.email)).toBe(5);

    // Half-way through, the wait has shrunk; once over, the right password works (with the
    // proof an account with 5 failures asks of an address it has not logged in from).
    t.clock.advance(30_000);
    expect((await t.send('/api/staff/session', jsonRequest(user))).headers.get('retry-after')).toBe(
      '30',
    );
    t.clock.advance(30_000);
    const proof = await solvedProof(t.send, 'login');
    const ok = await t.send('/api/staff/session', jsonRequest({ ...user, botCheck: proof }));
    expect(ok.status).toBe(200);
  });

  it('doubles that wait with each further failure', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const fail = async () =>
      t.send(
        '/api/staff/session',
        jsonRequest({ ...wrong(user.email), botCheck: await solvedProof(t.send, 'login') }),
      );
    for (let i = 0; i < 5; i++) expect((await fail()).status).toBe(401);
    t.clock.advance(minute);
    expect((await fail()).status).toBe(401); // the 6th failure
    const refused = await fail();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('120');
    t.clock.advance(2 * minute);
    expect((await fail()).status).toBe(401); // the 7th
    expect((await fail()).headers.get('retry-after')).toBe('240');
  });

  it('counts the hosts of one IPv6 /64 as one address', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    for (let i = 1; i <= 5; i++) {
      const res = await t.api.request(
        '/api/staff/session',
        jsonRequest(wrong(user.email), from(`2001:db8:5:6::${i}`)),
      );
      expect(res.status).toBe(401);
    }
    const refused = await t.api.request(
      '/api/staff/session',
      jsonRequest(user, from('2001:db8:5:6:aaaa::1')),
    );
    expect(refused.status).toBe(429);
  });

  it('throttles unknown emails exactly like known ones', async () => {
    const t = setup();
    const email = 'no-such-account@example.cn';
    for (let i = 0; i < 5; i++) {
      expect((await t.send('/api/staff/session', jsonRequest(wrong(email)))).status).toBe(401);
    }
    const res = await t.send(
      '/api/staff/session',
      jsonRequest({ email, password: 'another one!' }),
    );
    expect(res.status).toBe(429);
  }, 30_000);

  it('forgets an account’s failures from an address after a successful login from it', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const fail = () => t.send('/api/staff/session', jsonRequest(wrong(user.email)));
    for (let i = 0; i < 4; i++) expect((await fail()).status).toBe(401);
    expect((await logInAs(t, user)).res.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await fail()).status).toBe(401);
    expect((await logInAs(t, user)).res.status).toBe(200);
  });

  it('keeps a colleague working through 20 minutes of wrong passwords every 3 s from one address', async () => {
    const t = setup();
    const colleague = await makeStaffUser(db.db);
    const office = newAddress();
    const attacker = newAddress();
    // Yesterday the colleague logged in at the office: that browser has a staff device cookie.
    const first = await t.api.request('/api/staff/session', jsonRequest(colleague, from(office)));
    expect(first.status).toBe(200);
    const device = staffDeviceOf(first);
    expect(device).toMatch(/^staff_device=[\w-]{22}\.[0-9a-z]+\.[\w-]{22}$/);
    t.clock.advance(24 * 3600_000);

    let refusedColleague = 0;
    for (let second = 0; second < 20 * 60; second += 3) {
      await t.api.request(
        '/api/staff/session',
        jsonRequest(wrong(colleague.email), from(attacker)),
      );
      if (second % 120 === 0) {
        // Today's address hash is new (the key changed), but the device is known.
        const res = await t.api.request(
          '/api/staff/session',
          jsonRequest(colleague, from(newAddress(), { cookie: device })),
        );
        if (res.status !== 200) refusedColleague++;
      }
      t.clock.advance(3000);
    }
    expect(refusedColleague).toBe(0);
    // The attacker got a handful of guesses in 20 minutes: each failure from that address
    // lengthens its wait, and only failures of the last 15 minutes count.
    const guesses = await db.db
      .select({ n: count() })
      .from(loginAttempt)
      .where(and(eq(loginAttempt.email, colleague.email), eq(loginAttempt.succeeded, false)));
    expect(guesses[0]!.n).toBeLessThanOrEqual(15);
  }, 60_000);

  it('asks a new address or device for a bot-check proof after 5 failures from anywhere, instead of a wait', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    for (let i = 0; i < 5; i++) {
      const res = await t.api.request(
        '/api/staff/session',
        jsonRequest(wrong(user.email), from(newAddress())),
      );
      expect(res.status).toBe(401);
    }
    const client = newAddress();
    const request = (path: string, init?: RequestInit) =>
      t.api.request(path, {
        ...init,
        headers: { ...from(client), ...(init?.headers as Record<string, string>) },
      });
    // Without a proof: no password is looked at, nothing is recorded.
    const asked = await request('/api/staff/session', jsonRequest(user));
    expect(asked.status).toBe(403);
    const { error } = await asked.json();
    expect(error).toMatchObject({ code: 'bot_check_failed', reason: 'login_proof_required' });
    expect(error.message).toContain('人机验证');
    expect(await attemptCount(user.email)).toBe(5);

    // A proof made for a ballot is not one for a login.
    const ballotProof = await solvedProof(request, 'ballot');
    const mismatched = await request(
      '/api/staff/session',
      jsonRequest({ ...user, botCheck: ballotProof }),
    );
    expect(mismatched.status).toBe(403);
    expect((await mismatched.json()).error.reason).toBe('login_proof_failed');

    // With a proof, a wrong password is checked and counted, and the proof is spent.
    const proof = await solvedProof(request, 'login');
    const withProof = await request(
      '/api/staff/session',
      jsonRequest({ ...wrong(user.email), botCheck: proof }),
    );
    expect(withProof.status).toBe(401);
    expect(await attemptCount(user.email)).toBe(6);
    const replay = await request('/api/staff/session', jsonRequest({ ...user, botCheck: proof }));
    expect(replay.status).toBe(403);
    expect((await replay.json()).error.details.codes).toEqual(['token-already-used']);

    // And the right password with a fresh proof logs in.
    const ok = await request(
      '/api/staff/session',
      jsonRequest({ ...user, botCheck: await solvedProof(request, 'login') }),
    );
    expect(ok.status).toBe(200);
  });

  it('does not ask an address the account logged in from today, nor hold it back', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const office = newAddress();
    expect(
      (await t.api.request('/api/staff/session', jsonRequest(user, from(office)))).status,
    ).toBe(200);
    for (let i = 0; i < 5; i++) {
      await t.api.request('/api/staff/session', jsonRequest(wrong(user.email), from(newAddress())));
    }
    // The browser's cookies are gone (no device), but the office's address is known today.
    const res = await t.api.request('/api/staff/session', jsonRequest(user, from(office)));
    expect(res.status).toBe(200);
  });

  it('refuses an address for 15 minutes after 20 failures across accounts, but not a device the account knows', async () => {
    const t = setup();
    const users = [];
    for (let i = 0; i < 7; i++) users.push(await makeStaffUser(db.db));
    const victim = users[5]!;
    const regular = users[6]!;
    // The regular's browser logged in elsewhere before: it has a known device cookie.
    const before = await t.api.request(
      '/api/staff/session',
      jsonRequest(regular, from(newAddress())),
    );
    const device = staffDeviceOf(before);
    // 4 wrong passwords on each of 5 accounts: no account reaches its own limit.
    for (const user of users.slice(0, 5)) {
      for (let i = 0; i < 4; i++) {
        expect((await t.send('/api/staff/session', jsonRequest(wrong(user.email)))).status).toBe(
          401,
        );
      }
    }
    const refused = await t.send('/api/staff/session', jsonRequest(victim));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(await attemptCount(victim.email)).toBe(0);
    // The regular's known device on that same address is not held back by others' failures.
    const regularOk = await t.send('/api/staff/session', jsonRequest(regular, { cookie: device }));
    expect(regularOk.status).toBe(200);

    // Another network is not affected.
    const elsewhere = await t.api.request(
      '/api/staff/session',
      jsonRequest(victim, from(newAddress())),
    );
    expect(elsewhere.status).toBe(200);

    t.clock.advance(15 * minute);
    expect((await logInAs(t, victim)).res.status).toBe(200);
  });

  it('gives a browser its staff device cookie only on a successful login, for the login route alone', async () => {
    const t = setup();
    const user = await makeStaffUser(db.db);
    const failed = await t.send('/api/staff/session', jsonRequest(wrong(user.email)));
    expect(staffDeviceOf(failed)).toBe('');
    const ok = await t.send('/api/staff/session', jsonRequest(user));
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('staff_device='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/staff/session');
    // A browser that has one keeps it.
    const again = await t.send(
      '/api/staff/session',
      jsonRequest(user, { cookie: staffDeviceOf(ok) }),
    );
    expect(staffDeviceOf(again)).toBe('');
  });
});

describe('audit log', () => {
  it('records create, login, logout and disable, with actors and without password hashes', async () => {
    const t = setup();
    const password = 'correct horse battery staple';
    const created = await createStaffUser(db.db, {
      email: 'Audited.Person@Example.CN',
      displayName: '审计对象',
      role: 'editor',
      password,
      actorId: null,
      now,
    });
    expect(created.email).toBe('audited.person@example.cn');
    const session = await logInAs(t, { email: created.email, password });
    expect(session.res.status).toBe(200);
    const logout = await t.send('/api/staff/session', {
      method: 'DELETE',
      headers: withSession(session),
    });
    expect(logout.status).toBe(204);
    await disableStaffUser(db.db, { email: created.email, actorId: null, now });

    const rows = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'staff_user'), eq(auditLog.entityId, String(created.id))))
      .orderBy(asc(auditLog.id));
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ['staff.create', null],
      ['staff.login', created.id],
      ['staff.logout', created.id],
      ['staff.disable', null],
    ]);
    expect(rows[0]!.after).toEqual({
      email: 'audited.person@example.cn',
      displayName: '审计对象',
      role: 'editor',
      disabledAt: null,
    });
    expect(rows[3]!.before).toMatchObject({ disabledAt: null });
    expect(rows[3]!.after).toMatchObject({ disabledAt: now.toISOString() });
    const text = JSON.stringify(rows);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(password);
    expect(text).not.toContain(session.cookie.split('=')[1]!);
  });

  it('refuses a second account with the same email in another letter case', async () => {
    const user = await makeStaffUser(db.db);
    await expect(
      createStaffUser(db.db, {
        email: user.email.toUpperCase(),
        displayName: '重复',
        role: 'editor',
        password: 'long enough password',
        actorId: null,
        now,
      }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'email_taken' });
  });
});

describe('requireStaff', () => {
  /**
   * A small app with the real middleware in front of two dummy routes only `monitor` may use,
   * on the same database and clock as the real API that issues the sessions.
   */
  function guardedApp(clock: ReturnType<typeof fixedClock>) {
    const deps: ResolvedDeps = {
      db: db.db,
      config: parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret }),
      clock,
      botCheck: cheapAltcha(testSecret),
      clientAddress: () => '203.0.113.9',
      probeDatabase: async () => true,
      addressKeys: createAddressKeys(db.db),
    };
    const app = new Hono<ApiEnv>();
    app.use(async (c, next) => {
      c.set('deps', deps);
      await next();
    });
    app.use(staffSession());
    app.get('/watch', requireStaff('monitor'), (c) => c.json({ who: c.var.staff!.user.email }));
    app.post('/watch', requireStaff('monitor'), (c) => c.json({ done: true }));
    app.get('/any', requireStaff(), (c) => c.json({ role: c.var.staff!.user.role }));
    app.onError(handleError);
    return app;
  }

  it('lets the role through, refuses other roles with 403 and no session with 401', async () => {
    const t = setup();
    const app = guardedApp(t.clock);
    const monitor = await logInAs(t, await makeStaffUser(db.db, { role: 'monitor' }));
    const editor = await logInAs(t, await makeStaffUser(db.db, { role: 'editor' }));
    const admin = await logInAs(t, await makeStaffUser(db.db, { role: 'admin' }));

    const ok = await app.request('/watch', { headers: { cookie: monitor.cookie } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');

    for (const s of [editor, admin]) {
      const res = await app.request('/watch', { headers: { cookie: s.cookie } });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect((await app.request('/any', { headers: { cookie: editor.cookie } })).status).toBe(200);
    expect((await app.request('/watch')).status).toBe(401);
    expect((await app.request('/any')).status).toBe(401);
  });

  it('demands the CSRF token on state-changing methods, before looking at the role', async () => {
    const t = setup();
    const app = guardedApp(t.clock);
    const monitor = await logInAs(t, await makeStaffUser(db.db, { role: 'monitor' }));
    const editor = await logInAs(t, await makeStaffUser(db.db, { role: 'editor' }));

    const missing = await app.request('/watch', {
      method: 'POST',
      headers: { cookie: monitor.cookie },
    });
    expect(missing.status).toBe(403);
    expect((await missing.json()).error.code).toBe('csrf_failed');
    const ok = await app.request('/watch', { method: 'POST', headers: withSession(monitor) });
    expect(ok.status).toBe(200);

    const editorForged = await app.request('/watch', {
      method: 'POST',
      headers: { cookie: editor.cookie },
    });
    expect((await editorForged.json()).error.code).toBe('csrf_failed');
    const editorWithToken = await app.request('/watch', {
      method: 'POST',
      headers: withSession(editor),
    });
    expect((await editorWithToken.json()).error.code).toBe('forbidden');
  });

  it('follows the session’s end: a session past its idle timeout is refused', async () => {
    const t = setup();
    const app = guardedApp(t.clock);
    const monitor = await logInAs(t, await makeStaffUser(db.db, { role: 'monitor' }));
    expect((await app.request('/watch', { headers: { cookie: monitor.cookie } })).status).toBe(200);
    t.clock.advance(staffSessionIdleTimeoutMs + minute);
    expect((await app.request('/watch', { headers: { cookie: monitor.cookie } })).status).toBe(401);
  });
});
