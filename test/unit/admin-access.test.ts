import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '#src/schemas/enums.ts';
import {
  adminNotFound,
  adminRefusal,
  adminReturnPath,
  can,
  isAdminPath,
  openAdminPaths,
  rolesForAdminPath,
  staffActions,
  type StaffAction,
} from '#src/server/admin-access.ts';

const pagesDir = resolve(import.meta.dirname, '../../src/pages/admin');

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? pageFiles(join(dir, e.name))
      : e.name.endsWith('.astro')
        ? [join(dir, e.name)]
        : [],
  );
}

/** The URL a page file answers, with example values for its parameters. */
function urlOf(file: string): string {
  const route = relative(pagesDir, file)
    .replace(/\.astro$/, '')
    .replace(/(^|\/)index$/, '')
    .replace(/\[slug\]/g, '2026')
    .replace(/\[id\]/g, '7');
  return route === '' ? '/admin' : `/admin/${route}`;
}

describe('admin page access table', () => {
  it('has an entry for every admin page file (or the page is the open login form)', () => {
    const files = pageFiles(pagesDir);
    expect(files.length).toBeGreaterThanOrEqual(12);
    const uncovered = files
      .map(urlOf)
      .filter((url) => !openAdminPaths.has(url) && rolesForAdminPath(url) === null);
    expect(uncovered).toEqual([]);
  });

  it('answers the most specific entry first and fails closed elsewhere', () => {
    expect(rolesForAdminPath('/admin/campaigns/new')).toEqual(['admin', 'editor']);
    expect(rolesForAdminPath('/admin/campaigns/2026')).toHaveLength(4);
    expect(rolesForAdminPath('/admin/accounts/')).toEqual(['admin']);
    expect(rolesForAdminPath('/admin/campaigns/2026/unknown')).toBeNull();
    expect(rolesForAdminPath('/admin/candidates/abc')).toBeNull();
  });

  it('knows what is under /admin', () => {
    expect(isAdminPath('/admin')).toBe(true);
    expect(isAdminPath('/admin/audit')).toBe(true);
    expect(isAdminPath('/administration')).toBe(false);
    expect(isAdminPath('/campaigns/2026')).toBe(false);
  });
});

describe('what each role may do', () => {
  // The roles the staff API lets through for the same work (staff-route-sweep.test.ts), so that a
  // page offers a form or link exactly to those whose request the API will take.
  const allowed: Record<StaffAction, readonly StaffRole[]> = {
    'campaign.read': ['admin', 'editor', 'monitor', 'auditor'], // GET /api/staff/campaigns/:slug
    'campaign.edit': ['admin', 'editor'], // PUT /api/staff/campaigns/:slug
    'campaign.review': ['admin', 'editor', 'auditor'], // GET …/committee, GET …/notice
    'vote.monitor': ['admin', 'monitor', 'auditor'], // GET …/integrity
    'vote.void': ['admin', 'monitor'], // POST …/ballots/void
    'vote.certify': ['admin', 'monitor'], // POST …/results/certify
    'audit.read': ['admin', 'auditor'], // GET /api/staff/audit
    'account.manage': ['admin'], // POST /api/staff/accounts
    'report.handle': ['supervisor'], // GET /api/staff/reports
    'paper.register': ['admin', 'editor'], // POST …/batches
    'paper.enter': ['teller'], // POST /api/staff/batches/:id/entries
    'paper.reconcile': ['admin', 'monitor'], // POST /api/staff/batches/:id/resolutions
  };

  it.each(staffRoles)('answers for the %s what the API allows', (role) => {
    const staff = { user: { role } };
    for (const action of Object.keys(allowed) as StaffAction[]) {
      expect([action, can(staff, action)]).toEqual([action, allowed[action].includes(role)]);
    }
  });

  it('names every action it answers for', () => {
    expect(Object.keys(staffActions).sort()).toEqual(Object.keys(allowed).sort());
  });

  it('lets open each page exactly those who may do its work', () => {
    expect(rolesForAdminPath('/admin/campaigns/2026/edit')).toEqual(staffActions['campaign.edit']);
    expect(rolesForAdminPath('/admin/campaigns/2026/monitor')).toEqual(
      staffActions['vote.monitor'],
    );
    expect(rolesForAdminPath('/admin/campaigns/2026/notice')).toEqual(
      staffActions['campaign.review'],
    );
    expect(rolesForAdminPath('/admin/audit')).toEqual(staffActions['audit.read']);
    expect(rolesForAdminPath('/admin/reports')).toEqual(['supervisor']);
    expect(rolesForAdminPath('/admin')).toEqual(staffRoles);
  });
});

describe('admin refusals', () => {
  it('answers a missing campaign or candidate with one 404 page leading back home', async () => {
    for (const [what, text] of [
      ['campaign', '没有这个评选活动。'],
      ['candidate', '没有这个候选对象。'],
      ['page', '没有这个页面。'],
    ] as const) {
      const res = adminNotFound(what);
      expect(res.status).toBe(404);
      expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<h1>没有找到</h1>');
      expect(html).toContain(`<p>${text}</p>`);
      expect(html).toContain('<a href="/admin">返回工作台</a>');
    }
  });

  it('says a role may not open a page with a 403', async () => {
    const res = adminRefusal(403, '您的账号角色不能打开这个页面。');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<h1>无权访问</h1>');
  });
});

describe('adminReturnPath', () => {
  it.each([
    ['/admin/campaigns/2026?tab=x', '/admin/campaigns/2026?tab=x'],
    ['/admin', '/admin'],
    [null, '/admin'],
    ['https://evil.example/admin', '/admin'],
    ['//evil.example/admin', '/admin'],
    ['/admin\\..\\x', '/admin'],
    ['/admin/x\r\nSet-Cookie: a=b', '/admin'],
    ['/admin/候选', '/admin'],
    ['/administrator', '/admin'],
  ])('leads %j to %j', (next, path) => {
    expect(adminReturnPath(next)).toBe(path);
  });
});
