import type { APIRoute } from 'astro';

/**
 * Stands in for Astro's image endpoint (`/_image`), which a server build always mounts: it made
 * any image of the site at any size, format and quality for anyone, at 2 s of CPU a call. The
 * site serves its own image copies (made once at upload, src/domain/media/), so the endpoint
 * answers nothing. Registered in astro.config.mjs.
 */
export const ALL: APIRoute = () =>
  new Response('Not Found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
