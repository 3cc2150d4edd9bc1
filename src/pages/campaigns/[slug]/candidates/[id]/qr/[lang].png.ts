import type { APIRoute } from 'astro';
import { profileUrl, qrPng } from '../../../../../../components/share-qr.ts';
import { findCampaign } from '../../../../../../domain/campaigns/find-campaign.ts';
import { getPublicCandidate } from '../../../../../../domain/candidates/get-public-candidate.ts';
import { isDomainError } from '../../../../../../domain/errors.ts';
import { isLocale } from '../../../../../../i18n/locales.ts';

/**
 * A public profile's QR code as a PNG, for readers who press and hold it (WeChat reads codes
 * from images only). The page loads it lazily inside a closed <details>, so it costs nothing
 * until opened. Only public candidates get one: this is no QR service for arbitrary links.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const { dbHandle, config } = locals.services;
  const id = Number(params.id);
  const lang = params.lang;
  const notFound = () => new Response('Not found', { status: 404 });
  if (!Number.isSafeInteger(id) || id < 1 || !isLocale(lang)) return notFound();
  const detail = await findCampaign(dbHandle.db, params.slug ?? '');
  if (!detail) return notFound();
  try {
    await getPublicCandidate(dbHandle.db, detail.campaign.id, id);
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') return notFound();
    throw e;
  }
  const png = await qrPng(profileUrl(config.publicBaseUrl, detail.campaign.slug, id, lang));
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=86400',
      'Content-Length': String(png.length),
    },
  });
};
