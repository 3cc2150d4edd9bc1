import { afterAll, describe, expect, it } from 'vitest';
import { setConversionTerms, toTraditional } from '#src/i18n/convert-chinese.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { fixedClock } from '../helpers/test-api.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(new Date('2026-11-20T04:00:00Z')) });
const staff = useStaffSessions(api, db, ['editor', 'monitor']);

afterAll(() => setConversionTerms([]));

function send(role: StaffRole, method: string, path: string, body?: unknown) {
  const s = staff.as(role);
  return api.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('conversion corrections', () => {
  it('adds a correction that applies to zh-TW text at once, changes it, removes it; all audited', async () => {
    expect(toTraditional('李云龙')).toBe('李雲龍');
    const added = await send('editor', 'POST', '/api/staff/conversion-terms', {
      simplified: '李云龙',
      traditional: '李云龍',
      note: '本人身份证用字',
    });
    expect(added.status).toBe(200);
    const { term } = await added.json();
    expect(toTraditional('候选人李云龙')).toBe('候選人李云龍');

    const preview = await send('editor', 'POST', '/api/staff/conversion-preview', {
      text: '李云龙的事迹',
    });
    expect(await preview.json()).toEqual({ traditional: '李云龍的事蹟' });

    const changed = await send('editor', 'POST', '/api/staff/conversion-terms', {
      simplified: '李云龙',
      traditional: '李雲龍',
    });
    expect((await changed.json()).term.id).toBe(term.id);
    const list = await (await send('editor', 'GET', '/api/staff/conversion-terms')).json();
    expect(list.terms).toHaveLength(1);

    expect((await send('editor', 'DELETE', `/api/staff/conversion-terms/${term.id}`)).status).toBe(
      204,
    );
    expect(toTraditional('李云龙')).toBe('李雲龍');
    const again = await send('editor', 'DELETE', `/api/staff/conversion-terms/${term.id}`);
    expect(again.status).toBe(404);
    expect((await again.json()).error.reason).toBe('conversion_term_not_found');

    const { auditLog } = await import('#src/db/schema/index.ts');
    const actions = (await db.db.select().from(auditLog)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['conversion.add', 'conversion.update', 'conversion.remove']),
    );
  });

  it.each([
    ['an empty term', { simplified: ' ', traditional: '雲' }],
    ['a term over 50 characters', { simplified: '云'.repeat(51), traditional: '雲' }],
    ['an unknown field', { simplified: '云', traditional: '雲', colour: 1 }],
  ])('refuses %s with 400', async (_, body) => {
    const res = await send('editor', 'POST', '/api/staff/conversion-terms', body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_request');
  });

  it('is for editors and admins', async () => {
    expect((await send('monitor', 'GET', '/api/staff/conversion-terms')).status).toBe(403);
  });
});
