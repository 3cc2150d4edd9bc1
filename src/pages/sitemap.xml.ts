import type { APIRoute } from 'astro';
import { listPublicPaths } from '../domain/campaigns/list-public-paths.ts';
import { locales } from '../i18n/locales.ts';
import { withLang } from '../i18n/select-locale.ts';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sitemap: every public page in each of its three language versions, alternates of each other. */
export const GET: APIRoute = async ({ locals }) => {
  const { publicBaseUrl } = locals.services.config;
  const url = (path: string) => escapeXml(new URL(path, publicBaseUrl).href);
  // Each language version is listed at its canonical address (`?lang=`), with all of them as
  // alternates, as the pages' own canonical and hreflang links say.
  const entries = (await listPublicPaths(locals.services.dbHandle.db)).flatMap(
    ({ path, updatedAt }) =>
      locales.map((own) =>
        [
          '<url>',
          `<loc>${url(withLang(path, '', own))}</loc>`,
          `<lastmod>${updatedAt.toISOString().slice(0, 10)}</lastmod>`,
          ...locales.map(
            (l) =>
              `<xhtml:link rel="alternate" hreflang="${l}" href="${url(withLang(path, '', l))}"/>`,
          ),
          '</url>',
        ].join(''),
      ),
  );
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    entries.join('\n') +
    '\n</urlset>\n';
  return new Response(body, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'public, max-age=600',
    },
  });
};
