import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  staffRecoveryCode,
  staffSession,
  staffTrustedDevice,
  staffUser,
} from '#src/db/schema/index.ts';
import { resetSecondFactor } from '#src/domain/staff/reset-second-factor.ts';
import { totpCodeAt } from '#src/domain/staff/second-factor-codes.ts';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { logInAs, makeStaffUser, type StaffFixture } from '../helpers/staff.ts';
import { cookieFrom, fixedClock, jsonRequest } from '../helpers/test-api.ts';

const start = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const clock = fixedClock(start);
const api = useTestApi(db, { clock });

type Session = { cookie: string; csrfToken: string };

const send = (path: string, session: Session, body: unknown = {}) =>
  api.request(
    path,
    jsonRequest(body, { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
  );

const get = (path: string, session: Session) =>
  api.request(path, { headers: { cookie: session.cookie } });

/** A login with a code (and the device cookie to send, if any). */
const logInWith = (user: StaffFixture, extra: Record<string, unknown>, cookie?: string) =>
  api.request(
    '/api/staff/session',
    jsonRequest({ email: user.email, password: user.password, ...extra }, cookie ? { cookie } : {}),
  );

/** Moves the clock to the next 30-second step, so the app shows a new code. */
const nextStep = () => clock.advance(30_000);

/** Sets up an app for a logged-in account; the secret and the recovery codes. */
async function setUp(session: Session, password: string) {
  const setup = await send('/api/staff/second-factor/setup', session, {
    currentPassword: password,
  });
  expect(setup.status).toBe(200);
  const { secret, uri, qr } = (await setup.json()) as { secret: string; uri: string; qr: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\//);
  expect(uri).toContain(`secret=${secret}`);
  expect(qr).toMatch(/^data:image\/png;base64,/);
  const confirm = await send('/api/staff/second-factor', session, {
    code: totpCodeAt(secret, clock.now()),
  });
  expect(confirm.status).toBe(200);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { secret, recoveryCodes };
}

describe('an admin or monitor without a second factor', () => {
  it('logs in, may only set one up, and then uses the whole workspace', async () => {
    const admin = await makeStaffUser(db.db, { role: 'admin', secondFactor: 'none' });
    const login = await logInAs(api, admin);
    expect(login.res.status).toBe(200);
    const session = await get('/api/staff/session', login);
    expect(await session.json()).toMatchObject({ secondFactor: 'required' });

    // Every other staff route refuses the session, with a message that says what to do.
    const campaigns = await get('/api/staff/campaigns', login);
    expect(campaigns.status).toBe(403);
    const refused = (await campaigns.json()).error;
    expect(refused.reason).toBe('second_factor_enrolment_required');
    expect(refused.message).toContain('两步验证');
    const create = await send('/api/staff/accounts', login, {
      email: 'x@example.cn',
      displayName: 'x',
      role: 'editor',
      password: 'x'.repeat(16),
    });
    expect(create.status).toBe(403);

    // Its status, then the set-up; a wrong first code changes nothing.
    const status = await get('/api/staff/second-factor', login);
    expect(await status.json()).toMatchObject({ on: false, required: true });
    // The first app needs the password: a session left open cannot tie the account to a phone.
    const noPassword = await send('/api/staff/second-factor/setup', login);
    expect(noPassword.status).toBe(422);
    expect((await noPassword.json()).error.reason).toBe('password_required');
    const wrongPassword = await send('/api/staff/second-factor/setup', login, {
      currentPassword: `${admin.password}x`,
    });
    expect(wrongPassword.status).toBe(422);
    expect((await wrongPassword.json()).error.message).toContain('密码不正确');
    const pending = await db.db.query.staffUser.findFirst({ where: eq(staffUser.id, admin.id) });
    expect(pending!.totpPendingSecret).toBeNull();
    const begun = await send('/api/staff/second-factor/setup', login, {
      currentPassword: admin.password,
    });
    const { secret } = (await begun.json()) as { secret: string };
    const wrong = await send('/api/staff/second-factor', login, { code: '000000' });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.reason).toBe('second_factor_setup_code_wrong');
    expect((await get('/api/staff/campaigns', login)).status).toBe(403);

    const confirmed = await send('/api/staff/second-factor', login, {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes)
      expect(c).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    // Only hashes are kept.
    const stored = await db.db
      .select()
      .from(staffRecoveryCode)
      .where(eq(staffRecoveryCode.userId, admin.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replace('-', ''));

    expect((await get('/api/staff/campaigns', login)).status).toBe(200);
    const audit = await db.db.query.auditLog.findFirst({
      where: and(
        eq(auditLog.action, 'staff.second_factor_on'),
        eq(auditLog.entityId, String(admin.id)),
      ),
    });
    expect(audit).toMatchObject({ actorId: admin.id });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('a session left on another computer before the set-up ends with it', async () => {
    const monitor = await makeStaffUser(db.db, { role: 'monitor', secondFactor: 'none' });
    const here = await logInAs(api, monitor);
    const there = await logInAs(api, monitor);
    await setUp(here, monitor.password);
    expect((await get('/api/staff/session', here)).status).toBe(200);
    expect((await get('/api/staff/session', there)).status).toBe(401);
  });

  it('editors, auditors and supervisors work without one', async () => {
    for (const role of ['editor', 'auditor', 'supervisor'] as const) {
      const user = await makeStaffUser(db.db, { role });
      const login = await logInAs(api, user);
      expect((await get('/api/staff/session', login)).status).toBe(200);
      expect(await (await get('/api/staff/second-factor', login)).json()).toMatchObject({
        on: false,
        required: false,
      });
    }
  });
});

describe('logging in with a second factor', () => {
  it('asks for the code after the right password, takes it once, and counts wrong ones', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const first = await logInAs(api, editor);
    const { secret } = await setUp(first, editor.password);
    nextStep();

    // Without a code: 401 asking for it (and no session).
    const asked = await logInWith(editor, {});
    expect(asked.status).toBe(401);
    const askedError = (await asked.json()).error;
    expect(askedError.reason).toBe('second_factor_required');
    expect(askedError.message).toContain('6 位动态码');
    expect(cookieFrom(asked)).toBe('');

    // A wrong password is still "email or password" whatever code is sent.
    const wrongPassword = await api.request(
      '/api/staff/session',
      jsonRequest({
        email: editor.email,
        password: `${editor.password}x`,
        secondFactorCode: totpCodeAt(secret, clock.now()),
      }),
    );
    expect((await wrongPassword.json()).error.reason).toBe('bad_credentials');

    const wrongCode = await logInWith(editor, { secondFactorCode: '123456' });
    expect(wrongCode.status).toBe(401);
    expect((await wrongCode.json()).error.reason).toBe('second_factor_failed');
    const garbage = await logInWith(editor, { secondFactorCode: 'not a code' });
    expect((await garbage.json()).error.reason).toBe('second_factor_failed');

    const code = totpCodeAt(secret, clock.now());
    const ok = await logInWith(editor, { secondFactorCode: code.replace(/(\d{3})/, '$1 ') });
    expect(ok.status).toBe(200);
    // The same code again, even within its half minute: refused (read over a shoulder).
    const replay = await logInWith(editor, { secondFactorCode: code });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.reason).toBe('second_factor_failed');
    // An earlier step's code after a later one was used: refused too.
    nextStep();
    const later = totpCodeAt(secret, clock.now());
    expect((await logInWith(editor, { secondFactorCode: later })).status).toBe(200);
    const earlier = totpCodeAt(secret, new Date(clock.now().getTime() - 30_000));
    expect((await logInWith(editor, { secondFactorCode: earlier })).status).toBe(401);
    // A phone half a minute fast is accepted.
    const ahead = totpCodeAt(secret, new Date(clock.now().getTime() + 30_000));
    expect((await logInWith(editor, { secondFactorCode: ahead })).status).toBe(200);

    const login = await db.db.query.auditLog.findMany({
      where: and(eq(auditLog.action, 'staff.login'), eq(auditLog.entityId, String(editor.id))),
    });
    expect(login.map((l) => (l.after as { secondFactor: string }).secondFactor)).toEqual([
      'none',
      'totp',
      'totp',
      'totp',
    ]);
  });

  it('wrong codes meet the login throttle like wrong passwords', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const { secret } = await setUp(await logInAs(api, editor), editor.password);
    nextStep();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await logInWith(editor, { secondFactorCode: '000000' })).status);
    }
    expect(statuses).toContain(429);
    // While the wait runs, even the right code is refused without being looked at.
    const right = await logInWith(editor, { secondFactorCode: totpCodeAt(secret, clock.now()) });
    expect(right.status).toBe(429);
    clock.advance(60 * 60_000);
  });

  it('takes each recovery code once, in any case and spacing', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const { recoveryCodes } = await setUp(await logInAs(api, editor), editor.password);
    const typed = recoveryCodes[3]!.toLowerCase().replace('-', ' ');
    expect((await logInWith(editor, { secondFactorCode: typed })).status).toBe(200);
    expect((await logInWith(editor, { secondFactorCode: recoveryCodes[3]! })).status).toBe(401);
    const used = await db.db
      .select()
      .from(staffRecoveryCode)
      .where(and(eq(staffRecoveryCode.userId, editor.id), isNull(staffRecoveryCode.usedAt)));
    expect(used).toHaveLength(9);
  });

  it('remembers a device for 30 days when asked, and forgets it on "log out everywhere"', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const { secret } = await setUp(await logInAs(api, editor), editor.password);
    nextStep();
    const first = await logInWith(editor, {
      secondFactorCode: totpCodeAt(secret, clock.now()),
      rememberDevice: true,
    });
    expect(first.status).toBe(200);
    // The login gave this browser its staff device cookie; it now logs in with the password.
    const deviceCookie = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('staff_device='));
    expect(deviceCookie).toBeDefined();
    const again = await logInWith(editor, {}, deviceCookie);
    expect(again.status).toBe(200);
    // Another browser still needs the code.
    expect((await logInWith(editor, {})).status).toBe(401);
    // 31 days later the device is no longer remembered.
    clock.advance(31 * 24 * 3600_000);
    expect((await logInWith(editor, {}, deviceCookie)).status).toBe(401);
    clock.advance(-31 * 24 * 3600_000);
    expect((await logInWith(editor, {}, deviceCookie)).status).toBe(200);

    const session = { cookie: cookieFrom(again), csrfToken: (await again.json()).csrfToken };
    const out = await api.request('/api/staff/sessions', {
      method: 'DELETE',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(
      await db.db.select().from(staffTrustedDevice).where(eq(staffTrustedDevice.userId, editor.id)),
    ).toEqual([]);
    expect((await logInWith(editor, {}, deviceCookie)).status).toBe(401);
  });
});

describe('managing one’s second factor', () => {
  it('renews recovery codes for a code; the old ones stop working', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const login = await logInAs(api, editor);
    const { recoveryCodes } = await setUp(login, editor.password);
    const noCode = await send('/api/staff/second-factor/recovery-codes', login, { code: '' });
    expect(noCode.status).toBe(400);
    const wrong = await send('/api/staff/second-factor/recovery-codes', login, { code: '999999' });
    // 422, not 401: the page must not take it for an ended session.
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.message).toContain('动态码或恢复码不正确');
    const renewed = await send('/api/staff/second-factor/recovery-codes', login, {
      code: recoveryCodes[0],
    });
    expect(renewed.status).toBe(200);
    const fresh = ((await renewed.json()) as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect((await logInWith(editor, { secondFactorCode: recoveryCodes[1]! })).status).toBe(401);
    expect((await logInWith(editor, { secondFactorCode: fresh[1]! })).status).toBe(200);
  });

  it('replaces the app only with a code of the old one', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const login = await logInAs(api, editor);
    const { secret: old } = await setUp(login, editor.password);
    nextStep();
    const without = await send('/api/staff/second-factor/setup', login);
    expect(without.status).toBe(422);
    expect((await without.json()).error.reason).toBe('second_factor_required');
    const begun = await send('/api/staff/second-factor/setup', login, {
      currentCode: totpCodeAt(old, clock.now()),
    });
    const { secret } = (await begun.json()) as { secret: string };
    expect(secret).not.toBe(old);
    // Until confirmed the old app still logs in.
    nextStep();
    expect(
      (await logInWith(editor, { secondFactorCode: totpCodeAt(old, clock.now()) })).status,
    ).toBe(200);
    const confirmed = await send('/api/staff/second-factor', login, {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(confirmed.status).toBe(200);
    nextStep();
    expect(
      (await logInWith(editor, { secondFactorCode: totpCodeAt(old, clock.now()) })).status,
    ).toBe(401);
    expect(
      (await logInWith(editor, { secondFactorCode: totpCodeAt(secret, clock.now()) })).status,
    ).toBe(200);
  });

  it('lets an editor turn it off with a code, never an admin or monitor', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const login = await logInAs(api, editor);
    const { secret } = await setUp(login, editor.password);
    nextStep();
    const off = await send('/api/staff/second-factor/off', login, {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(off.status).toBe(204);
    expect((await logInAs(api, editor)).res.status).toBe(200);
    const again = await send('/api/staff/second-factor/off', login, { code: '123456' });
    expect(again.status).toBe(409);

    const admin = await makeStaffUser(db.db, { role: 'admin' });
    const adminLogin = await logInAs(api, admin);
    const refused = await send('/api/staff/second-factor/off', adminLogin, {
      code: totpCodeAt(admin.totpSecret!, clock.now()),
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.reason).toBe('second_factor_required_for_role');
  });

  it('refuses the set-up without the CSRF token or a session', async () => {
    const editor = await makeStaffUser(db.db, { role: 'editor' });
    const login = await logInAs(api, editor);
    const noToken = await api.request(
      '/api/staff/second-factor/setup',
      jsonRequest({}, { cookie: login.cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
    const foreign = await api.request(
      '/api/staff/second-factor/setup',
      jsonRequest(
        {},
        { cookie: login.cookie, 'x-csrf-token': login.csrfToken, origin: 'https://evil.example' },
      ),
    );
    expect(foreign.status).toBe(403);
    const anonymous = await api.request('/api/staff/second-factor/setup', jsonRequest({}));
    expect(anonymous.status).toBe(401);
    const row = await db.db.query.staffUser.findFirst({ where: eq(staffUser.id, editor.id) });
    expect(row!.totpPendingSecret).toBeNull();
  });
});

describe('reset (npm run staff -- reset-2fa)', () => {
  it('forgets the app, codes and devices, ends the sessions, and asks an admin to set up again', async () => {
    const admin = await makeStaffUser(db.db, { role: 'admin' });
    const login = await logInAs(api, admin);
    expect(login.res.status).toBe(200);
    const result = await resetSecondFactor(db.db, {
      email: admin.email.toUpperCase(),
      actorId: null,
      now: clock.now(),
    });
    expect(result).toMatchObject({ wasOn: true, sessionsEnded: 1 });
    expect((await get('/api/staff/session', login)).status).toBe(401);
    expect(
      await db.db.select().from(staffSession).where(eq(staffSession.userId, admin.id)),
    ).toEqual([]);
    // The remembered device no longer counts; the password alone opens only the set-up.
    const back = await logInAs(api, admin);
    expect(back.res.status).toBe(200);
    expect(await (await get('/api/staff/session', back)).json()).toMatchObject({
      secondFactor: 'required',
    });
    expect((await get('/api/staff/campaigns', back)).status).toBe(403);
    const audit = await db.db.query.auditLog.findFirst({
      where: and(
        eq(auditLog.action, 'staff.second_factor_reset'),
        eq(auditLog.entityId, String(admin.id)),
      ),
    });
    expect(audit).toMatchObject({ actorId: null });
    await expect(
      resetSecondFactor(db.db, { email: 'nobody@example.cn', actorId: null, now: clock.now() }),
    ).rejects.toMatchObject({ reason: 'staff_not_found' });
  });

  it('an admin resets a colleague’s from the accounts page, never their own', async () => {
    const admin = await makeStaffUser(db.db, { role: 'admin' });
    const monitor = await makeStaffUser(db.db, { role: 'monitor' });
    const adminLogin = await logInAs(api, admin);
    const monitorLogin = await logInAs(api, monitor);
    const own = await send('/api/staff/accounts/reset-second-factor', adminLogin, {
      email: admin.email,
    });
    expect(own.status).toBe(409);
    const byMonitor = await send('/api/staff/accounts/reset-second-factor', monitorLogin, {
      email: admin.email,
    });
    expect(byMonitor.status).toBe(403);
    const reset = await send('/api/staff/accounts/reset-second-factor', adminLogin, {
      email: monitor.email,
    });
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ wasOn: true, sessionsEnded: 1 });
    expect((await get('/api/staff/session', monitorLogin)).status).toBe(401);
    const audit = await db.db.query.auditLog.findFirst({
      where: and(
        eq(auditLog.action, 'staff.second_factor_reset'),
        eq(auditLog.entityId, String(monitor.id)),
      ),
    });
    expect(audit).toMatchObject({ actorId: admin.id });
  });
});
