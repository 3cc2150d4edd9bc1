/**
 * What the bytes say they are. Uploads are judged by their first bytes only: a declared
 * Content-Type or a file name is the sender's claim, and a claim is what an attacker controls.
 */
export type SniffedType =
  'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'svg' | 'pdf' | 'unknown';

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, to));

/** HEIF-family brands (ISO/IEC 23008-12); AVIF is the one our image library can decode. */
const avifBrands = new Set(['avif', 'avis']);
const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

function sniffIsoBmff(bytes: Uint8Array): SniffedType | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(
    bytes.length,
    ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0,
  );
  // The major brand, then the compatible brands after the minor version.
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((b) => avifBrands.has(b))) return 'avif';
  if (brands.some((b) => heicBrands.has(b))) return 'heic';
  return null;
}

export function sniffImageType(bytes: Uint8Array): SniffedType {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'pdf';
  // SVG is text: skip a byte-order mark and leading white space, then look for markup that
  // opens an svg element within the first kilobyte (after an XML prolog or comments).
  const head = Buffer.from(b.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<') && /<svg[\s>]/i.test(head)) return 'svg';
  return 'unknown';
}
