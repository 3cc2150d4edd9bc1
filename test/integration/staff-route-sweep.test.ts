import { beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '#src/schemas/enums.ts';
import { rolesForAdminPath } from '#src/server/admin-access.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { fixedClock } from '../helpers/test-api.ts';

/**
 * Walks every staff route the API has (read from the app itself, so a new route cannot be
 * missed) and proves that anonymous requests get 401 and every role not listed below gets 403.
 * A route missing from this table fails the test: whoever adds one decides who may use it.
 */
const all = staffRoles;
const editors = ['editor', 'admin'] as const;
const readers = ['editor', 'admin', 'monitor', 'auditor'] as const;
const committeeReaders = ['editor', 'admin', 'auditor'] as const;
const expected: Record<string, readonly StaffRole[]> = {
  'GET /api/staff/session': all,
  'DELETE /api/staff/session': all,
  'DELETE /api/staff/sessions': all,
  'POST /api/staff/password': all,
  'GET /api/staff/second-factor': all,
  'POST /api/staff/second-factor/setup': all,
  'POST /api/staff/second-factor': all,
  'POST /api/staff/second-factor/recovery-codes': all,
  'POST /api/staff/second-factor/off': all,
  'GET /api/staff/campaigns': readers,
  'POST /api/staff/campaigns': editors,
  'GET /api/staff/campaigns/:slug': readers,
  'PUT /api/staff/campaigns/:slug': editors,
  'POST /api/staff/campaigns/:slug/stage': editors,
  'POST /api/staff/campaigns/:slug/tracks': editors,
  'PUT /api/staff/campaigns/:slug/tracks/:track': editors,
  'GET /api/staff/campaigns/:slug/candidates': readers,
  'POST /api/staff/campaigns/:slug/tracks/:track/candidates': editors,
  'GET /api/staff/candidates/:id': readers,
  'PATCH /api/staff/candidates/:id': editors,
  'POST /api/staff/candidates/status': editors,
  'POST /api/staff/markdown/preview': editors,
  'POST /api/staff/campaigns/:slug/tracks/:track/import': editors,
  'GET /api/staff/campaigns/:slug/tracks/:track/import-template.xlsx': editors,
  'GET /api/staff/campaigns/:slug/tracks/:track/import-template.csv': editors,
  'POST /api/staff/candidates/:id/portrait': editors,
  'DELETE /api/staff/candidates/:id/portrait': editors,
  'POST /api/staff/media': editors,
  'GET /api/staff/campaigns/:slug/committee': committeeReaders,
  'PUT /api/staff/campaigns/:slug/committee/rule': editors,
  'POST /api/staff/campaigns/:slug/tracks/:track/committee/sessions': editors,
  'POST /api/staff/committee/sessions/:id/confirm': editors,
  'GET /api/staff/campaigns/:slug/integrity': ['monitor', 'admin', 'auditor'],
  'POST /api/staff/campaigns/:slug/ballots/void': ['monitor', 'admin'],
  'POST /api/staff/campaigns/:slug/results/certify': ['monitor', 'admin'],
  'GET /api/staff/audit': ['auditor', 'admin'],
  'GET /api/staff/audit.csv': ['auditor', 'admin'],
  'GET /api/staff/accounts': ['admin'],
  'POST /api/staff/accounts': ['admin'],
  'POST /api/staff/accounts/disable': ['admin'],
  'POST /api/staff/accounts/reset-second-factor': ['admin'],
  'POST /api/staff/accounts/reset-password': ['admin'],
  'GET /api/staff/campaigns/:slug/notice': ['editor', 'admin', 'auditor'],
  'POST /api/staff/campaigns/:slug/notice': editors,
  'PUT /api/staff/campaigns/:slug/notice': editors,
  'POST /api/staff/campaigns/:slug/notice/publish': editors,
  'POST /api/staff/campaigns/:slug/notice/outcome': editors,
  'GET /api/staff/campaigns/:slug/decision': ['editor', 'admin', 'auditor'],
  'POST /api/staff/campaigns/:slug/decision': editors,
  'PUT /api/staff/campaigns/:slug/decision': editors,
  'POST /api/staff/campaigns/:slug/decision/publish': editors,
  'GET /api/staff/reports': ['supervisor'],
  'GET /api/staff/reports/:id': ['supervisor'],
  'POST /api/staff/reports/:id/verifying': ['supervisor'],
  'POST /api/staff/reports/:id/conclusion': ['supervisor'],
  'GET /api/staff/conversion-terms': editors,
  'POST /api/staff/conversion-terms': editors,
  'DELETE /api/staff/conversion-terms/:id': editors,
  'POST /api/staff/conversion-preview': editors,
  'GET /api/staff/campaigns/:slug/batches': readers,
  'POST /api/staff/campaigns/:slug/batches': editors,
  'GET /api/staff/batches/:id/entries': ['teller'],
  'POST /api/staff/batches/:id/entries': ['teller'],
  'POST /api/staff/batches/:id/tally': ['teller'],
  'POST /api/staff/batches/:id/finish': ['teller'],
  'GET /api/staff/batches/:id/differences': ['admin', 'monitor'],
  'POST /api/staff/batches/:id/resolutions': ['admin', 'monitor'],
  'POST /api/staff/batches/:id/tally-resolution': ['admin', 'monitor'],
};

/**
 * The admin page whose data each staff read serves: a role reads through the API exactly what
 * the page table (src/server/admin-access.ts, checked before any page runs) lets it open.
 */
const pageOfRead: Record<string, string> = {
  'GET /api/staff/second-factor': '/admin/second-factor',
  'GET /api/staff/campaigns': '/admin/campaigns/2026',
  'GET /api/staff/campaigns/:slug': '/admin/campaigns/2026',
  'GET /api/staff/campaigns/:slug/candidates': '/admin/campaigns/2026/candidates',
  'GET /api/staff/candidates/:id': '/admin/candidates/7',
  'GET /api/staff/campaigns/:slug/tracks/:track/import-template.xlsx':
    '/admin/campaigns/2026/import',
  'GET /api/staff/campaigns/:slug/tracks/:track/import-template.csv':
    '/admin/campaigns/2026/import',
  'GET /api/staff/campaigns/:slug/committee': '/admin/campaigns/2026/committee',
  'GET /api/staff/campaigns/:slug/integrity': '/admin/campaigns/2026/monitor',
  'GET /api/staff/audit': '/admin/audit',
  'GET /api/staff/audit.csv': '/admin/audit',
  'GET /api/staff/accounts': '/admin/accounts',
  'GET /api/staff/campaigns/:slug/notice': '/admin/campaigns/2026/notice',
  'GET /api/staff/campaigns/:slug/decision': '/admin/campaigns/2026/decision',
  'GET /api/staff/reports': '/admin/reports',
  'GET /api/staff/reports/:id': '/admin/reports',
  'GET /api/staff/conversion-terms': '/admin/conversion',
  'GET /api/staff/campaigns/:slug/batches': '/admin/campaigns/2026/paper',
  'GET /api/staff/batches/:id/entries': '/admin/entry/1',
  'GET /api/staff/batches/:id/differences': '/admin/campaigns/2026/batches/1/reconcile',
};

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, staffRoles);
let params: Record<string, string>;

beforeAll(async () => {
  const open = await makeOpenBallot(db.db, now, 2);
  params = {
    slug: open.campaign.slug,
    track: open.track.slug,
    id: String(open.candidates[0]!.id),
  };
});

function staffRoutes(): string[] {
  const seen = new Set<string>();
  for (const r of api.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/staff/')) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
}

function request(route: string, session?: { cookie: string; csrfToken: string }) {
  const [method, pattern] = route.split(' ') as [string, string];
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '1');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  // An empty body: allowed roles get a validation answer at most, never a change.
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  return api.request(path, { method, headers, body });
}

describe('every staff route', () => {
  it('is in the table of who may use it', () => {
    const routes = staffRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(routes.filter((r) => r !== 'POST /api/staff/session' && !(r in expected))).toEqual([]);
  });

  it('refuses anonymous requests with 401 (only the login itself is open)', async () => {
    for (const route of staffRoutes()) {
      if (route === 'POST /api/staff/session') continue;
      const res = await request(route);
      expect(res.status, route).toBe(401);
      expect((await res.json()).error.code, route).toBe('unauthenticated');
    }
  });

  it('refuses each role it does not list with 403 and lets the listed ones past the guard', async () => {
    let refused = 0;
    for (const route of staffRoutes()) {
      // Logging out would end the session the rest of the sweep uses; api-staff-session tests it.
      if (route.includes('/staff/session')) continue;
      for (const role of staffRoles) {
        const res = await request(route, staff.as(role));
        if (expected[route]!.includes(role)) {
          expect([401, 403], `${role} ${route}`).not.toContain(res.status);
        } else {
          refused++;
          expect(res.status, `${role} ${route}`).toBe(403);
          expect((await res.json()).error.code).toBe('forbidden');
        }
      }
    }
    expect(refused).toBeGreaterThan(40);
  });

  it('lets each role read exactly what the admin page of that data lets it open', () => {
    const reads = staffRoutes().filter(
      (r) => r.startsWith('GET ') && r !== 'GET /api/staff/session',
    );
    expect(reads.filter((r) => !(r in pageOfRead))).toEqual([]);
    for (const read of reads) {
      const pageRoles = rolesForAdminPath(pageOfRead[read]!);
      expect(pageRoles, read).not.toBeNull();
      expect([...expected[read]!].sort(), read).toEqual([...pageRoles!].sort());
    }
  });
});
