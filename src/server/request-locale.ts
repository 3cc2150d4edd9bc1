import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { negotiateLocale, type Locale } from '../i18n/locales.ts';

export const localeCookie = 'lang';

/** The language of the reader: `?lang=`, then the `lang` cookie, then Accept-Language. */
export function requestLocale(c: Context): Locale {
  const explicit = c.req.query('lang') ?? getCookie(c, localeCookie);
  return negotiateLocale(explicit, c.req.header('accept-language'));
}
