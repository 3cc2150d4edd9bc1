import type { APIRoute } from 'astro';

/** Crawlers may read every public page and the API description, never the rest of the API. */
export const GET: APIRoute = ({ locals }) => {
  const base = locals.services.config.publicBaseUrl;
  const body = [
    'User-agent: *',
    'Allow: /',
    'Allow: /api/media/',
    'Allow: /api/openapi.json',
    'Disallow: /api/',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    },
  });
};
