import { defineMiddleware } from 'astro:middleware';
import { resolveStaffSession } from './domain/staff/resolve-staff-session.ts';
import { localeCookie, localeCookieMaxAgeSeconds, selectLocale } from './i18n/select-locale.ts';
import {
  adminNotFound,
  adminRefusal,
  can,
  enrolmentPaths,
  isAdminPath,
  openAdminPaths,
  rolesForAdminPath,
} from './server/admin-access.ts';
import { adminText } from './i18n/admin-text.ts';
import { errorMessage } from './i18n/error-messages.ts';
import { describeError, newRequestId } from './server/error-log.ts';
import { staffCookieName } from './server/staff-auth.ts';

/**
 * Chooses the reader's language once per request and puts it in `locals.locale`. Pages answer
 * in several languages on one URL, so responses say which language they are in and what chose
 * it, for caches in between.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (isAdminPath(context.url.pathname)) return adminRequest(context, next);
  const { locale, remember } = selectLocale({
    query: context.url.searchParams.get('lang'),
    cookie: context.cookies.get(localeCookie)?.value,
    acceptLanguage: context.request.headers.get('accept-language'),
  });
  context.locals.locale = locale;
  // Staff preview the public pages before the list is published; only a live session of a
  // role that reads campaigns turns it on, and such a page is never cached or indexed.
  if (context.url.searchParams.has('preview')) {
    const { dbHandle, config, clock } = context.locals.services;
    const token = context.cookies.get(staffCookieName(config))?.value;
    const staff = token
      ? await resolveStaffSession(dbHandle.db, { token, now: clock.now() })
      : null;
    if (staff && !staff.secondFactorMissing && can(staff, 'campaign.read')) {
      context.locals.preview = true;
    }
  }
  if (remember) {
    context.cookies.set(localeCookie, remember, {
      path: '/',
      maxAge: localeCookieMaxAgeSeconds,
      sameSite: 'lax',
    });
  }
  const response = await renderSafely(context, next);
  try {
    setLanguageHeaders(response.headers, locale, context.locals.preview === true);
    return response;
  } catch {
    // Immutable headers (a Response.redirect, say): answer with a copy.
    const copy = new Response(response.body, response);
    setLanguageHeaders(copy.headers, locale, context.locals.preview === true);
    return copy;
  }
});

/**
 * Astro labels pages `text/html` alone; the pages are UTF-8 and say so in a meta tag, but the
 * header is what a browser or proxy reads first, and the only thing that counts for a page
 * shown without its head (a truncated response, a download).
 */
function declareUtf8(headers: Headers) {
  const type = headers.get('Content-Type');
  if (type !== null && /^text\/html\s*$/i.test(type)) {
    headers.set('Content-Type', 'text/html; charset=utf-8');
  }
}

function setLanguageHeaders(headers: Headers, locale: string, preview: boolean) {
  declareUtf8(headers);
  headers.set('Content-Language', locale);
  if (preview) {
    headers.set('Cache-Control', 'no-store');
    headers.set('X-Robots-Tag', 'noindex, nofollow');
  }
  const vary = new Set(
    (headers.get('Vary') ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );
  vary.add('Cookie');
  vary.add('Accept-Language');
  headers.set('Vary', [...vary].join(', '));
}

type MiddlewareArgs = Parameters<Parameters<typeof defineMiddleware>[0]>;

/**
 * Renders the page, and answers a failure with a plain 500 page that names a request id. The
 * log gets one line with that id, the route and the error's class and code: never the error's
 * message, which for a database error carries the statement's parameters.
 */
async function renderSafely(
  context: MiddlewareArgs[0],
  next: MiddlewareArgs[1],
): Promise<Response> {
  try {
    return await next();
  } catch (e) {
    const requestId = newRequestId();
    console.error(
      `[page] 500 ${context.request.method} ${context.routePattern} request ${requestId}: ${describeError(e)}`,
    );
    const locale = context.locals.locale ?? 'zh-CN';
    const message = errorMessage(locale, 'page_failed', 'internal', { requestId });
    const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>500</title><main><h1>500</h1><p>${message}</p><p><a href="/">${locale === 'en' ? 'Home' : locale === 'zh-TW' ? '首頁' : '首页'}</a></p></main></html>`;
    return new Response(html, {
      status: 500,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}

/**
 * The admin area: Chinese only, never cached, never indexed, and only for a live staff session
 * of a role that src/server/admin-access.ts lets in. Without a session the browser goes to the
 * login form and comes back afterwards.
 */
async function adminRequest(context: MiddlewareArgs[0], next: MiddlewareArgs[1]) {
  context.locals.locale = 'zh-CN';
  const { dbHandle, config, clock } = context.locals.services;
  const pathname = context.url.pathname;
  const token = context.cookies.get(staffCookieName(config))?.value;
  const staff = token ? await resolveStaffSession(dbHandle.db, { token, now: clock.now() }) : null;
  if (staff) context.locals.staff = staff;
  let response: Response;
  if (openAdminPaths.has(pathname)) {
    response = await renderSafely(context, next);
  } else if (!staff) {
    const back = encodeURIComponent(pathname + context.url.search);
    response = context.redirect(`/admin/login?next=${back}`, 303);
  } else if (staff.secondFactorMissing && !enrolmentPaths.has(pathname.replace(/(.)\/$/, '$1'))) {
    // An admin or monitor without a second factor sets one up before anything else.
    const back = encodeURIComponent(pathname + context.url.search);
    response = context.redirect(`/admin/second-factor?next=${back}`, 303);
  } else {
    const roles = rolesForAdminPath(pathname);
    if (roles === null) response = adminNotFound('page');
    else if (!roles.includes(staff.user.role)) {
      response = adminRefusal(403, adminText.refusal.role);
    } else response = await renderSafely(context, next);
  }
  const headers = new Headers(response.headers);
  declareUtf8(headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Robots-Tag', 'noindex, nofollow');
  headers.set('Content-Language', 'zh-CN');
  return new Response(response.body, { status: response.status, headers });
}
