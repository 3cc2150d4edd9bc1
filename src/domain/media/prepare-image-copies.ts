import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import { DomainError } from '../errors.ts';
import { sniffImageType, type SniffedType } from './sniff-image-type.ts';

/** Limits of an upload; the route's body limit is the same number of bytes. */
export const imageLimits = {
  maxBytes: 10 * 1024 * 1024,
  /** Decompression bombs: a small file can declare an enormous canvas. */
  maxPixels: 40_000_000,
  /** Shortest side, before cropping: smaller photos look blurred on any phone. */
  minSide: 200,
} as const;

/** Portraits are 3:4 (the notice's photo format); copies made at these widths. */
const portraitWidths = [160, 320, 640] as const;
/** Photos in deeds keep their own shape and are read at column width on a phone or a desk. */
const contentWidths = [640, 1280] as const;

export type ImagePurpose = 'portrait' | 'content';
export type CopyType = 'image/webp' | 'image/avif';

export interface ImageCopy {
  /** SHA-256 of `bytes` in hex. */
  id: string;
  contentType: CopyType;
  bytes: Buffer;
  width: number;
  height: number;
}

export interface PreparedImage {
  /** The largest WebP copy: what a portraitId or a Markdown link names. */
  mainId: string;
  /** Every copy, the main one included, smallest first, WebP before AVIF at each width. */
  copies: ImageCopy[];
  /** What the bytes turned out to be. */
  sourceType: SniffedType;
}

export interface PrepareOptions {
  purpose: ImagePurpose;
  /**
   * Lets SVG in, rasterised. Only the demo seed sets it, for portraits it drew itself: an
   * uploaded SVG can carry script, so the upload routes never pass it.
   */
  trustedSvg?: boolean;
  /**
   * AVIF encoder effort, 0 (fast) to 9. Uploads are rare and worth a smaller file; the seed
   * encodes every demo portrait at each first start and keeps it low.
   */
  avifEffort?: number;
  /** Widest copy to make; the seed stops at 320 to stay quick (320 covers a 2x phone screen). */
  maxWidth?: number;
}

const acceptedUploads = new Set<SniffedType>(['jpeg', 'png', 'gif', 'webp', 'avif']);

let tail: Promise<unknown> = Promise.resolve();

/**
 * One image at a time per process: a 40-megapixel decode can take a few hundred megabytes, and
 * two at once on a small server would be the thing that kills it. Later callers wait their turn.
 */
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn, fn);
  tail = run.catch(() => undefined);
  return run;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Turns uploaded bytes into the responsive copies the site serves. Checks what the bytes are
 * (never what they claim to be), refuses what is too big, too small or not a photo, turns the
 * picture upright by its EXIF orientation and then drops every piece of metadata (GPS position,
 * camera serial, …) by re-encoding the pixels alone; portraits are cropped to 3:4 around what
 * draws the eye. Never enlarges. Pure: nothing is stored here.
 */
export async function prepareImageCopies(
  bytes: Uint8Array,
  options: PrepareOptions,
): Promise<PreparedImage> {
  if (bytes.length === 0) throw new DomainError('invalid_request', 'image_missing');
  if (bytes.length > imageLimits.maxBytes) {
    throw new DomainError('payload_too_large', 'image_too_large', {
      maxMegabytes: imageLimits.maxBytes / 1024 / 1024,
    });
  }
  const sourceType = sniffImageType(bytes);
  const svgAllowed = sourceType === 'svg' && options.trustedSvg === true;
  if (!acceptedUploads.has(sourceType) && !svgAllowed) {
    throw new DomainError('invalid_request', 'image_unsupported_type', { detected: sourceType });
  }
  // A view on the same memory: an upload of 10 MB is not copied.
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return oneAtATime(() => encode(input, sourceType, options));
}

const inputOptions = {
  limitInputPixels: imageLimits.maxPixels,
  // Decode top to bottom once: the whole image never has to sit in memory for the resize.
  sequentialRead: true,
  // Turn the picture upright by its EXIF orientation before any crop.
  autoOrient: true,
  // A corrupt or truncated file is refused rather than encoded with grey bands.
  failOn: 'error',
} satisfies SharpOptions;

async function readHeader(input: Buffer, density?: number): Promise<Metadata> {
  try {
    return await sharp(input, { ...inputOptions, limitInputPixels: false, density }).metadata();
  } catch {
    throw new DomainError('invalid_request', 'image_unreadable');
  }
}

async function encode(
  input: Buffer,
  sourceType: SniffedType,
  options: PrepareOptions,
): Promise<PreparedImage> {
  const allWidths = options.purpose === 'portrait' ? portraitWidths : contentWidths;
  const targets = allWidths.filter((w) => w <= (options.maxWidth ?? Infinity));
  if (targets.length === 0) targets.push(allWidths[0]);
  let density: number | undefined;
  let header = await readHeader(input);
  if (sourceType === 'svg') {
    // Vector art has no size of its own: rasterise it large enough for the widest copy.
    const scale = Math.max(1, (targets.at(-1)! * 4) / 3 / Math.min(header.width, header.height));
    density = Math.min(72 * scale, 2400);
    header = await readHeader(input, density);
  }
  // Checked on the header, before a single pixel is decoded.
  if (header.width * header.height > imageLimits.maxPixels) {
    throw new DomainError('payload_too_large', 'image_too_many_pixels', {
      maxMegapixels: imageLimits.maxPixels / 1_000_000,
    });
  }
  if (Math.min(header.width, header.height) < imageLimits.minSide) {
    throw new DomainError('rule_violation', 'image_too_small', {
      minSide: imageLimits.minSide,
      width: header.width,
      height: header.height,
    });
  }
  // Orientations 5 to 8 swap width and height.
  const swapped = (header.orientation ?? 1) >= 5;
  const uprightWidth = swapped ? header.height : header.width;
  const uprightHeight = swapped ? header.width : header.height;

  let baseWidth: number;
  let baseHeight: number;
  if (options.purpose === 'portrait') {
    const cropWidth = Math.min(uprightWidth, Math.floor((uprightHeight * 3) / 4));
    baseWidth = Math.min(cropWidth, targets.at(-1)!);
    baseHeight = Math.round((baseWidth * 4) / 3);
  } else {
    // A long screenshot is held to twice the widest copy's height too, so the decoded copy
    // stays a few megabytes whatever the shape.
    const maxWidth = targets.at(-1)!;
    const scale = Math.min(1, maxWidth / uprightWidth, (2 * maxWidth) / uprightHeight);
    baseWidth = Math.max(1, Math.round(uprightWidth * scale));
    baseHeight = Math.max(1, Math.round(uprightHeight * scale));
  }

  // One decode, straight down to the largest copy; the smaller copies come from those pixels.
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await sharp(input, { ...inputOptions, density })
      .resize({
        width: baseWidth,
        height: baseHeight,
        fit: 'cover',
        // Saliency finds the face in a photo; the seed's own drawings are centred already, and
        // saliency would shift a symmetrical emblem off its frame.
        position: options.purpose === 'portrait' && sourceType !== 'svg' ? 'attention' : 'centre',
      })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) {
      throw new DomainError('payload_too_large', 'image_too_many_pixels', {
        maxMegapixels: imageLimits.maxPixels / 1_000_000,
      });
    }
    throw new DomainError('invalid_request', 'image_unreadable');
  }
  const { width, height, channels } = base.info;
  const widths = [...targets.filter((w) => w < width), width];

  // The encodes of one image run side by side: all come from the small base copy, so memory
  // stays bounded, and both cores are busy.
  const encoded = await Promise.all(
    widths.map(async (w) => {
      // Portraits keep exactly 3:4 at every width, whatever rounding the base copy had.
      const h =
        options.purpose === 'portrait'
          ? Math.round((w * 4) / 3)
          : Math.max(1, Math.round((height * w) / width));
      const resized = () =>
        sharp(base.data, { raw: { width, height, channels } }).resize({ width: w, height: h });
      // Re-encoding bare pixels is what strips the metadata: nothing of the original file's
      // EXIF, XMP or IPTC blocks is carried over.
      const [webp, avif] = await Promise.all([
        resized().webp({ quality: 80, effort: 4 }).toBuffer(),
        resized()
          .avif({ quality: 55, effort: options.avifEffort ?? 4 })
          .toBuffer(),
      ]);
      return [
        { id: sha256(webp), contentType: 'image/webp', bytes: webp, width: w, height: h },
        { id: sha256(avif), contentType: 'image/avif', bytes: avif, width: w, height: h },
      ] satisfies ImageCopy[];
    }),
  );
  const copies = encoded.flat();
  const main = copies.findLast((c) => c.contentType === 'image/webp')!;
  return { mainId: main.id, copies, sourceType };
}
