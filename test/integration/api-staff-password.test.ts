import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, staffSession, staffUser } from '#src/db/schema/index.ts';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { logInAs, makeStaffUser } from '../helpers/staff.ts';
import { fixedClock, jsonRequest } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });

const change = (session: { cookie: string; csrfToken: string }, body: unknown) =>
  api.request(
    '/api/staff/password',
    jsonRequest(body, { cookie: session.cookie, 'x-csrf-token': session.csrfToken }),
  );

describe('POST /api/staff/password (a staff member changes their own password)', () => {
  it('needs the current password, keeps this session, ends the others and clears the prompt', async () => {
    const user = await makeStaffUser(db.db, { role: 'monitor' });
    await db.db
      .update(staffUser)
      .set({ passwordSetByOther: true })
      .where(eq(staffUser.id, user.id));
    const here = await logInAs(api, user);
    const elsewhere = await logInAs(api, user);
    const session = await api.request('/api/staff/session', { headers: { cookie: here.cookie } });
    expect(session.status).toBe(200);

    const wrong = await change(here, {
      currentPassword: 'not it at all',
      newPassword: 'x'.repeat(16),
    });
    expect(wrong.status).toBe(422);
    const error = (await wrong.json()).error;
    expect(error.reason).toBe('wrong_current_password');
    expect(error.message).toContain('当前密码不正确');

    const short = await change(here, { currentPassword: user.password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect((await short.json()).error.reason).toBe('password_too_short');

    const same = await change(here, { currentPassword: user.password, newPassword: user.password });
    expect((await same.json()).error.reason).toBe('password_unchanged');

    const ok = await change(here, {
      currentPassword: user.password,
      newPassword: '只有我知道的一句话 2026',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sessionsEnded: 1 });
    expect(
      (await api.request('/api/staff/session', { headers: { cookie: here.cookie } })).status,
    ).toBe(200);
    expect(
      (await api.request('/api/staff/session', { headers: { cookie: elsewhere.cookie } })).status,
    ).toBe(401);
    const sessions = await db.db
      .select()
      .from(staffSession)
      .where(eq(staffSession.userId, user.id));
    expect(sessions).toHaveLength(1);
    const row = await db.db.query.staffUser.findFirst({ where: eq(staffUser.id, user.id) });
    expect(row!.passwordSetByOther).toBe(false);
    const audit = await db.db.query.auditLog.findFirst({
      where: eq(auditLog.action, 'staff.change_password'),
    });
    expect(audit).toMatchObject({ actorId: user.id, entityId: String(user.id) });
    expect(JSON.stringify(audit)).not.toContain('scrypt');

    // The old password no longer logs in; the new one does.
    const old = await logInAs(api, user);
    expect(old.res.status).toBe(401);
    const fresh = await logInAs(api, { ...user, password: '只有我知道的一句话 2026' });
    expect(fresh.res.status).toBe(200);
  });

  it('refuses without a session or the CSRF token', async () => {
    const anonymous = await api.request(
      '/api/staff/password',
      jsonRequest({ currentPassword: 'a', newPassword: 'b'.repeat(16) }),
    );
    expect(anonymous.status).toBe(401);
    const user = await makeStaffUser(db.db, { role: 'editor' });
    const s = await logInAs(api, user);
    const noToken = await api.request(
      '/api/staff/password',
      jsonRequest(
        { currentPassword: user.password, newPassword: 'b'.repeat(16) },
        { cookie: s.cookie },
      ),
    );
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
  });

  it('is asked of accounts an admin creates or resets', async () => {
    const admin = await makeStaffUser(db.db, { role: 'admin' });
    const s = await logInAs(api, admin);
    const created = await api.request(
      '/api/staff/accounts',
      jsonRequest(
        {
          email: 'new.one@example.cn',
          displayName: '新同事',
          role: 'editor',
          password: 'p'.repeat(14),
        },
        { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      ),
    );
    expect(created.status).toBe(201);
    const row = await db.db.query.staffUser.findFirst({
      where: eq(staffUser.email, 'new.one@example.cn'),
    });
    expect(row!.passwordSetByOther).toBe(true);
  });
});
