/**
 * A candidate's share link and its QR code. Server only: the `qrcode` package never reaches a
 * page script. The profile shows the code as inline SVG (no request, crisp at any size); the
 * PNG endpoint serves the same code as an image, because WeChat recognises and saves QR codes
 * only from images a reader presses and holds.
 */
import QRCode from 'qrcode';
import type { Locale } from '../i18n/locales.ts';
import { withLang } from '../i18n/select-locale.ts';

/** Medium error correction survives a smudged print or a cracked screen; margin in modules. */
const qrOptions = { errorCorrectionLevel: 'M', margin: 2 } as const;

/**
 * The profile's canonical URL in a language: the address the page names as canonical, so a
 * shared link opens the page in the language it was shared in.
 */
export function profileUrl(publicBaseUrl: string, slug: string, id: number, locale: Locale) {
  return new URL(withLang(`/campaigns/${slug}/candidates/${id}`, '', locale), publicBaseUrl).href;
}

/** Where the PNG form of a profile's code is served (src/pages/…/qr/[lang].png.ts). */
export function profileQrPngPath(slug: string, id: number, locale: Locale) {
  return `/campaigns/${slug}/candidates/${id}/qr/${locale}.png`;
}

export interface QrSvg {
  viewBox: string;
  /** The drawing inside the `<svg>` element: paths only, made by `qrcode` from the URL. */
  body: string;
}

/** The code as SVG parts, so the page writes the `<svg>` element with its own attributes. */
export async function qrSvg(text: string): Promise<QrSvg> {
  const svg = await QRCode.toString(text, { ...qrOptions, type: 'svg' });
  const match = /^<svg[^>]*\bviewBox="([^"]+)"[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg);
  if (!match) throw new Error('qrcode: unexpected SVG output');
  return { viewBox: match[1]!, body: match[2]! };
}

/** The same code as a PNG, 8 pixels a module. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...qrOptions, type: 'png', scale: 8 });
}
