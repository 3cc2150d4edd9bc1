import { adminText } from '../i18n/admin-text.ts';
import { staffRoles, type StaffRole } from '../schemas/enums.ts';

/**
 * What each role may do: the staff API's routes let these roles through (requireStaff), the
 * admin pages ask `can` which forms and links to show, and the page table below is written from
 * it. test/integration/staff-route-sweep.test.ts walks every API route against its roles.
 */
export const staffActions = {
  /**
   * Read a campaign before and while it is public (its settings, stages, candidates, staff
   * previews of its pages): every role but the supervisor, who reads the public's reports and
   * nothing else. The staff API's reads and `?preview=1` use it too.
   */
  'campaign.read': ['admin', 'editor', 'monitor', 'auditor'],
  /** Create and change campaigns, tracks, candidates, imports, notices and the committee vote. */
  'campaign.edit': ['admin', 'editor'],
  /** Read the committee vote and the publicity notice (the auditor checks both). */
  'campaign.review': ['admin', 'editor', 'auditor'],
  /** Read the vote's integrity figures: bursts, busiest addresses and networks. */
  'vote.monitor': ['admin', 'monitor', 'auditor'],
  /** Void suspicious ballots. */
  'vote.void': ['admin', 'monitor'],
  /** Certify the vote's result once it has closed, freezing its figures. */
  'vote.certify': ['admin', 'monitor'],
  /** Read and export the audit log. */
  'audit.read': ['admin', 'auditor'],
  /** Create, disable and reset staff accounts. */
  'account.manage': ['admin'],
  /** Read and handle the public's reports (they carry reporters' personal data). */
  'report.handle': ['supervisor'],
  /** Register and print batches of paper ballots. */
  'paper.register': ['admin', 'editor'],
  /** Enter paper ballots and tally sheets, one pass of a batch each. */
  'paper.enter': ['teller'],
  /** Settle the differences between a batch's two passes, from the paper. */
  'paper.reconcile': ['admin', 'monitor'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof staffActions;

/** Whether a staff member's role may do `action`. */
export function can(staff: { user: { role: StaffRole } }, action: StaffAction): boolean {
  return (staffActions[action] as readonly StaffRole[]).includes(staff.user.role);
}

/**
 * Which staff roles may open each admin page. The middleware checks this table before any admin
 * page runs, so a page cannot forget its guard; a path under /admin that matches no entry is
 * refused (fail closed), and a test proves every page file has an entry. What a page lets a
 * role *do* is decided by the API, which checks again.
 */
export const adminPages: { path: RegExp; roles: readonly StaffRole[] }[] = [
  { path: /^\/admin$/, roles: staffRoles },
  { path: /^\/admin\/entry$/, roles: staffActions['paper.enter'] },
  { path: /^\/admin\/entry\/[0-9]+$/, roles: staffActions['paper.enter'] },
  { path: /^\/admin\/campaigns\/new$/, roles: staffActions['campaign.edit'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+$/, roles: staffActions['campaign.read'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/edit$/, roles: staffActions['campaign.edit'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/candidates$/, roles: staffActions['campaign.read'] },
  {
    path: /^\/admin\/campaigns\/[a-z0-9-]+\/candidates\/new$/,
    roles: staffActions['campaign.edit'],
  },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/import$/, roles: staffActions['campaign.edit'] },
  {
    path: /^\/admin\/campaigns\/[a-z0-9-]+\/committee$/,
    roles: staffActions['campaign.review'],
  },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/monitor$/, roles: staffActions['vote.monitor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/paper$/, roles: staffActions['campaign.read'] },
  {
    path: /^\/admin\/campaigns\/[a-z0-9-]+\/batches\/[0-9]+$/,
    roles: staffActions['paper.register'],
  },
  {
    path: /^\/admin\/campaigns\/[a-z0-9-]+\/batches\/[0-9]+\/reconcile$/,
    roles: staffActions['paper.reconcile'],
  },
  { path: /^\/admin\/candidates\/[0-9]+$/, roles: staffActions['campaign.read'] },
  { path: /^\/admin\/audit$/, roles: staffActions['audit.read'] },
  { path: /^\/admin\/accounts$/, roles: staffActions['account.manage'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/notice$/, roles: staffActions['campaign.review'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/decision$/, roles: staffActions['campaign.review'] },
  { path: /^\/admin\/reports$/, roles: staffActions['report.handle'] },
  { path: /^\/admin\/conversion$/, roles: staffActions['campaign.edit'] },
  { path: /^\/admin\/password$/, roles: staffRoles },
  { path: /^\/admin\/second-factor$/, roles: staffRoles },
];

/**
 * The pages a session whose role requires a second factor may open before it is set up; every
 * other admin page sends it to the set-up first.
 */
export const enrolmentPaths = new Set(['/admin/second-factor', '/admin/password']);

/**
 * The admin area's refusal: a page of its own with a way back to the staff home, for a path no
 * page answers (404), a role the page is not for (403), or a campaign or candidate that is not
 * there (404).
 */
export function adminRefusal(status: 403 | 404, message: string): Response {
  const heading = status === 403 ? adminText.refusal.forbidden : adminText.refusal.notFound;
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${status}</title><main><h1>${heading}</h1><p>${message}</p><p><a href="/admin">${adminText.refusal.back}</a></p></main></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** The 404 of an admin page whose campaign, candidate or page is not there. */
export function adminNotFound(what: keyof typeof adminText.refusal.missing): Response {
  return adminRefusal(404, adminText.refusal.missing[what]);
}

/** Pages anyone may open: the login form. */
export const openAdminPaths = new Set(['/admin/login']);

export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

/** The roles that may open a path, or null when no admin page answers there. */
export function rolesForAdminPath(pathname: string): readonly StaffRole[] | null {
  const path = pathname.replace(/(.)\/$/, '$1');
  return adminPages.find((p) => p.path.test(path))?.roles ?? null;
}

/**
 * Where the login form leads once logged in: the `next` a redirect to it carried, when that is
 * a path of the admin area written in plain printable ASCII (the middleware percent-encodes the
 * path and query it sends), else `/admin`. Never another site (`//host`, a backslash), and never
 * a line break or a non-ASCII character that would break the Location header.
 */
export function adminReturnPath(next: string | null): string {
  if (next === null) return '/admin';
  const plain = /^\/admin(?:[/?#][\x21-\x7e]*)?$/.test(next);
  return plain && !next.startsWith('//') && !next.includes('\\') ? next : '/admin';
}
