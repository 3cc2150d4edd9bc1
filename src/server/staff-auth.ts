import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { DomainError } from '../domain/errors.ts';
import { resolveStaffSession } from '../domain/staff/resolve-staff-session.ts';
import type { StaffRole } from '../schemas/enums.ts';
import type { ApiEnv } from './api-deps.ts';
import type { Config } from './config.ts';

/**
 * Staff sessions over HTTP: the cookie, the middleware that reads it, and the guard that
 * routes put in front of anything only staff may do.
 */

function isHttps(config: Config): boolean {
  return config.publicBaseUrl.startsWith('https:');
}

/**
 * `__Host-` makes the browser accept the cookie only from this exact host, over HTTPS, for the
 * whole path: a sibling subdomain cannot plant or shadow it. Browsers refuse the prefix without
 * Secure, so over plain http (local use) the cookie is just `staff`.
 */
export function staffCookieName(config: Config): string {
  return isHttps(config) ? '__Host-staff' : 'staff';
}

/**
 * A session cookie (no Max-Age: it goes when the browser closes, and the server ends it after
 * 12 hours anyway). SameSite=Strict: no other site can make the browser send it, not even a
 * link, which costs staff a login when they follow a link from mail, and is worth it.
 */
export function staffCookieOptions(config: Config): CookieOptions {
  return { httpOnly: true, sameSite: 'Strict', secure: isHttps(config), path: '/' };
}

/**
 * The staff device cookie: a random id, signed like voters' device cookies, given to a browser
 * at its first successful login. It is how the login throttle knows a device the account has
 * logged in from (login-throttle.ts). Sent only to the login route, never readable by scripts.
 */
export const staffDeviceCookieName = 'staff_device';

export function staffDeviceCookieOptions(config: Config): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(config),
    path: '/api/staff/session',
    maxAge: 400 * 24 * 3600,
  };
}

export function clearStaffCookie(c: Context<ApiEnv>): void {
  const { config } = c.var.deps;
  deleteCookie(c, staffCookieName(config), staffCookieOptions(config));
}

/**
 * Reads the session cookie and, when it belongs to a live session, sets `c.var.staff`. Never
 * refuses a request by itself: that is requireStaff's job. A cookie that no longer leads to a
 * session is cleared, so the browser stops sending it.
 */
export function staffSession(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const { db, config, clock } = c.var.deps;
    const token = getCookie(c, staffCookieName(config));
    if (token !== undefined) {
      const session = await resolveStaffSession(db, { token, now: clock.now() });
      if (session) c.set('staff', session);
      else clearStaffCookie(c);
    }
    await next();
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether `origin` is this site's. A site served on this machine (a loopback public URL, as the
 * embedded default is) is opened as http://localhost:4321 as often as http://127.0.0.1:4321:
 * either loopback name with the same scheme and port is the same site. Loopback origins come
 * only from this machine's own browsers; a public name is matched exactly.
 */
function isSiteOrigin(origin: string, publicBaseUrl: string): boolean {
  const site = new URL(publicBaseUrl);
  if (origin === site.origin) return true;
  if (!loopbackHosts.has(site.hostname)) return false;
  let given: URL;
  try {
    given = new URL(origin);
  } catch {
    return false;
  }
  return (
    loopbackHosts.has(given.hostname) &&
    given.protocol === site.protocol &&
    given.port === site.port &&
    given.origin === origin
  );
}

/**
 * Refuses a request whose Origin header, when the browser sent one, is not this site's origin.
 * Browsers send Origin on every cross-origin request and on same-origin POST, PUT and DELETE;
 * its absence (curl, older clients) is left to the CSRF token.
 */
function checkOrigin(c: Context<ApiEnv>): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!isSiteOrigin(origin, c.var.deps.config.publicBaseUrl)) {
    throw new DomainError('csrf_failed', 'csrf_failed', { check: 'origin' });
  }
}

/** The same check as middleware, for the login, which has no session and so no token yet. */
export function sameOrigin(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    checkOrigin(c);
    await next();
  };
}

/**
 * Lets the request through only for a live staff session, and for a role among `roles` when
 * any are given (no role implies another: list every role that may act). Must run after
 * staffSession(); without it every request is refused, which fails closed.
 *
 * For every method that can change something (anything but GET, HEAD, OPTIONS) it also
 * demands the session's CSRF token in X-CSRF-Token (synchroniser token, compared in constant
 * time) and a matching Origin when one is sent. SameSite=Strict already keeps the cookie off
 * cross-site requests; the token is the defence that does not depend on the browser. The CSRF
 * check comes before the role check, so a forged request learns nothing about the user's rights.
 */
export function requireStaff(...roles: StaffRole[]): MiddlewareHandler<ApiEnv> {
  return guardStaff(roles, false);
}

/**
 * Who acts in a staff request and when, as the verbs take them (`actorId`, `now`). For handlers
 * behind requireStaff, which has made sure there is a staff member.
 */
export function actingStaff(c: Context<ApiEnv>): { actorId: number; now: Date } {
  const staff = c.var.staff;
  if (!staff) throw new DomainError('unauthenticated');
  return { actorId: staff.user.id, now: c.var.deps.clock.now() };
}

/**
 * requireStaff for the few routes a session may use before its required second factor is set
 * up: its own session, its password and the set-up itself. Every other staff route refuses
 * such a session with `second_factor_enrolment_required`.
 */
export function requireStaffWhileEnrolling(): MiddlewareHandler<ApiEnv> {
  return guardStaff([], true);
}

function guardStaff(roles: StaffRole[], enrolling: boolean): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const staff = c.var.staff;
    if (!staff) {
      const hadCookie = getCookie(c, staffCookieName(c.var.deps.config)) !== undefined;
      throw new DomainError('unauthenticated', hadCookie ? 'session_expired' : 'unauthenticated');
    }
    if (!safeMethods.has(c.req.method)) {
      const token = c.req.header('x-csrf-token');
      if (token === undefined || !sameText(token, staff.csrfToken)) {
        throw new DomainError('csrf_failed', 'csrf_failed', { check: 'token' });
      }
      checkOrigin(c);
    }
    if (staff.secondFactorMissing && !enrolling) {
      throw new DomainError('forbidden', 'second_factor_enrolment_required');
    }
    if (roles.length > 0 && !roles.includes(staff.user.role)) {
      throw new DomainError('forbidden');
    }
    // Whatever a staff route answers is about one person; no cache may keep it.
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
