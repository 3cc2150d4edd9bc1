import { defineMiddleware } from 'astro:middleware';
import { localeCookie, localeCookieMaxAgeSeconds, selectLocale } from './i18n/select-locale.ts';

/**
 * Chooses the reader's language once per request and puts it in `locals.locale`. Pages answer
 * in several languages on one URL, so responses say which language they are in and what chose
 * it, for caches in between.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { locale, remember } = selectLocale({
    query: context.url.searchParams.get('lang'),
    cookie: context.cookies.get(localeCookie)?.value,
    acceptLanguage: context.request.headers.get('accept-language'),
  });
  context.locals.locale = locale;
  if (remember) {
    context.cookies.set(localeCookie, remember, {
      path: '/',
      maxAge: localeCookieMaxAgeSeconds,
      sameSite: 'lax',
    });
  }
  const response = await next();
  try {
    setLanguageHeaders(response.headers, locale);
    return response;
  } catch {
    // Immutable headers (a Response.redirect, say): answer with a copy.
    const copy = new Response(response.body, response);
    setLanguageHeaders(copy.headers, locale);
    return copy;
  }
});

function setLanguageHeaders(headers: Headers, locale: string) {
  headers.set('Content-Language', locale);
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
