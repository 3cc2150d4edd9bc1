import type { APIRoute } from 'astro';
import { profileUrl, qrPng } from '#src/render/share-qr.ts';
import { findPublicCandidate } from '#src/domain/candidates/find-public-candidate.ts';
import { isLocale } from '#src/i18n/locales.ts';

/**
 * A public profile's QR code as a PNG, for readers who press and hold it (WeChat reads codes
 * from images only). The page loads it lazily inside a closed <details>, so it costs nothing
 * until opened. Only public candidates get one: this is no QR service for arbitrary links.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const { dbHandle, config } = locals.services;
  const lang = params.lang;
  const notFound = () => new Response('Not found', { status: 404 });
  if (!isLocale(lang)) return notFound();
  const found = await findPublicCandidate(dbHandle.db, {
    campaignSlug: params.slug ?? '',
    candidateId: params.id,
  });
  if (!found) return notFound();
  const png = await qrPng(
    profileUrl(config.publicBaseUrl, found.detail.campaign.slug, found.candidate.id, lang),
  );
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=86400',
      'Content-Length': String(png.length),
    },
  });
};
