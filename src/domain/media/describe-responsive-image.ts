import type { ImageCopyInfo } from './list-image-copies.ts';

export interface ResponsiveSource {
  type: 'image/avif' | 'image/webp';
  /** `url 160w, url 320w, …`, narrowest first. */
  srcset: string;
}

/** What a `<picture>` needs; no sources for an image stored without copies (old SVG portraits). */
export interface ResponsiveImage {
  src: string;
  /** Intrinsic size of `src`, so the browser reserves the space before the bytes arrive. */
  width: number | null;
  height: number | null;
  sources: ResponsiveSource[];
}

const urlOf = (id: string): string => `/api/media/${id}`;

function srcsetOf(copies: ImageCopyInfo[], type: ResponsiveSource['type']): string {
  return copies
    .filter((c) => c.contentType === type)
    .sort((a, b) => a.width - b.width)
    .map((c) => `${urlOf(c.id)} ${c.width}w`)
    .join(', ');
}

/**
 * Turns an image's stored copies (listImageCopies) into `<picture>` sources: AVIF first, the
 * smallest file, then WebP, which every browser that knows `<picture>` can show. The fallback
 * `src` is the main copy itself.
 */
export function describeResponsiveImage(
  mainId: string | null,
  copies: readonly ImageCopyInfo[] | undefined,
): ResponsiveImage | null {
  if (!mainId) return null;
  const all = [...(copies ?? [])];
  const main = all.find((c) => c.id === mainId);
  const sources: ResponsiveSource[] = [];
  for (const type of ['image/avif', 'image/webp'] as const) {
    const srcset = srcsetOf(all, type);
    if (srcset !== '') sources.push({ type, srcset });
  }
  return { src: urlOf(mainId), width: main?.width ?? null, height: main?.height ?? null, sources };
}
