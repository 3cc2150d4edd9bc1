import type { StaffRole } from '../schemas/enums.ts';

/**
 * Who reads a campaign before and while it is public (its settings, stages, candidates, staff
 * previews of its pages): every role but the supervisor, who reads the public's reports and
 * nothing else. The pages below, the staff API's reads and `?preview=1` all use this one list.
 */
export const campaignReaderRoles: readonly StaffRole[] = ['admin', 'editor', 'monitor', 'auditor'];

/**
 * Which staff roles may open each admin page. The middleware checks this table before any admin
 * page runs, so a page cannot forget its guard; a path under /admin that matches no entry is
 * refused (fail closed), and a test proves every page file has an entry. What a page lets a
 * role *do* is decided by the API, which checks again.
 */
export const adminPages: { path: RegExp; roles: readonly StaffRole[] }[] = [
  {
    path: /^\/admin$/,
    roles: ['admin', 'editor', 'monitor', 'auditor', 'supervisor', 'teller'],
  },
  { path: /^\/admin\/entry$/, roles: ['teller'] },
  { path: /^\/admin\/entry\/[0-9]+$/, roles: ['teller'] },
  { path: /^\/admin\/campaigns\/new$/, roles: ['admin', 'editor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+$/, roles: campaignReaderRoles },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/edit$/, roles: ['admin', 'editor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/candidates$/, roles: campaignReaderRoles },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/candidates\/new$/, roles: ['admin', 'editor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/import$/, roles: ['admin', 'editor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/committee$/, roles: ['admin', 'editor', 'auditor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/monitor$/, roles: ['admin', 'monitor', 'auditor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/paper$/, roles: campaignReaderRoles },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/batches\/[0-9]+$/, roles: ['admin', 'editor'] },
  {
    path: /^\/admin\/campaigns\/[a-z0-9-]+\/batches\/[0-9]+\/reconcile$/,
    roles: ['admin', 'monitor'],
  },
  { path: /^\/admin\/candidates\/[0-9]+$/, roles: campaignReaderRoles },
  { path: /^\/admin\/audit$/, roles: ['admin', 'auditor'] },
  { path: /^\/admin\/accounts$/, roles: ['admin'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/notice$/, roles: ['admin', 'editor', 'auditor'] },
  { path: /^\/admin\/campaigns\/[a-z0-9-]+\/decision$/, roles: ['admin', 'editor', 'auditor'] },
  { path: /^\/admin\/reports$/, roles: ['supervisor'] },
  { path: /^\/admin\/conversion$/, roles: ['admin', 'editor'] },
  {
    path: /^\/admin\/password$/,
    roles: ['admin', 'editor', 'monitor', 'auditor', 'supervisor', 'teller'],
  },
  {
    path: /^\/admin\/second-factor$/,
    roles: ['admin', 'editor', 'monitor', 'auditor', 'supervisor', 'teller'],
  },
];

/**
 * The pages a session whose role requires a second factor may open before it is set up; every
 * other admin page sends it to the set-up first.
 */
export const enrolmentPaths = new Set(['/admin/second-factor', '/admin/password']);

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
