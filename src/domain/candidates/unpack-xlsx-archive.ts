import { crc32, inflateRawSync } from 'node:zlib';
import { DomainError } from '../errors.ts';

/**
 * An `.xlsx` is a zip archive. A zip can claim anything and inflate to far more than it
 * weighs: a 491 KB file whose one cell inflated to 480 MB froze the site for a minute. So the
 * archive is judged from its central directory before a single byte is inflated (how many
 * entries, how large each and all of them claim to be, how far each is compressed), and every
 * entry is then inflated with a cap at the size it claimed and checked against its CRC. What
 * reaches the spreadsheet reader is a fresh archive of the checked entries, stored without
 * compression: the reader never inflates anything itself and never sees a byte of the upload
 * that was not checked here (a local header that disagrees with the directory, an entry the
 * directory does not list).
 */

/** A workbook of 500 candidates has a dozen entries; pictures and themes add a few. */
export const maxArchiveEntries = 200;
/** The largest one entry may inflate to (the shared strings of 500 long profiles are ~20 MB). */
const maxEntryBytes = 32 * 1024 * 1024;
/** The largest all entries together may inflate to. */
const maxArchiveBytes = 48 * 1024 * 1024;
/**
 * How far one entry may be compressed. Spreadsheet XML deflates 5–30 times; a bomb deflates a
 * thousand times and more. Small entries are exempt: their size is bounded anyway.
 */
const maxCompressionRatio = 100;
const ratioExemptBytes = 1024 * 1024;

/** The entries the spreadsheet reader looks at (read-excel-file's own filter). */
function isSheetEntry(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.xml.rels');
}

export interface DirectoryEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const malformed = () => new DomainError('invalid_request', 'import_malformed');

function u16(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) throw malformed();
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw malformed();
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const endOfDirectorySignature = 0x06054b50;
const directorySignature = 0x02014b50;
const localSignature = 0x04034b50;

/** The end-of-central-directory record: the last 22 bytes, or earlier by a comment's length. */
function locateEndOfDirectory(b: Uint8Array): number {
  const earliest = Math.max(0, b.length - 22 - 0xffff);
  for (let at = b.length - 22; at >= earliest; at--) {
    if (u32(b, at) === endOfDirectorySignature) return at;
  }
  throw malformed();
}

/** Reads the central directory, refusing what no spreadsheet needs before anything is inflated. */
export function readZipDirectory(b: Uint8Array): DirectoryEntry[] {
  const end = locateEndOfDirectory(b);
  const count = u16(b, end + 10);
  const directorySize = u32(b, end + 12);
  const directoryOffset = u32(b, end + 16);
  // Zip64 (a count or offset of all ones) is for archives of gigabytes: not an upload of 2 MB.
  if (count === 0xffff || directoryOffset === 0xffffffff) throw malformed();
  if (count > maxArchiveEntries) {
    throw new DomainError('invalid_request', 'import_archive_too_large', {
      reason: 'entries',
      max: maxArchiveEntries,
    });
  }
  if (directoryOffset + directorySize > end) throw malformed();

  const entries: DirectoryEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(b, at) !== directorySignature) throw malformed();
    const nameLength = u16(b, at + 28);
    const entry: DirectoryEntry = {
      flags: u16(b, at + 8),
      method: u16(b, at + 10),
      crc: u32(b, at + 16),
      compressedSize: u32(b, at + 20),
      size: u32(b, at + 24),
      localOffset: u32(b, at + 42),
      name: new TextDecoder('utf-8', { fatal: false }).decode(
        b.subarray(at + 46, at + 46 + nameLength),
      ),
    };
    if (at + 46 + nameLength > end) throw malformed();
    at += 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);

    // Encrypted entries (bit 0) and methods other than store and deflate are not spreadsheets.
    if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) throw malformed();
    if (entry.size > maxEntryBytes) {
      throw new DomainError('invalid_request', 'import_archive_too_large', {
        reason: 'entry',
        max: maxEntryBytes,
      });
    }
    total += entry.size;
    if (total > maxArchiveBytes) {
      throw new DomainError('invalid_request', 'import_archive_too_large', {
        reason: 'total',
        max: maxArchiveBytes,
      });
    }
    if (entry.size > ratioExemptBytes && entry.size > entry.compressedSize * maxCompressionRatio) {
      throw new DomainError('invalid_request', 'import_archive_too_large', {
        reason: 'ratio',
        max: maxCompressionRatio,
      });
    }
    entries.push(entry);
  }
  return entries;
}

/** One entry's bytes, inflated with a cap at its declared size and checked against its CRC. */
function inflateEntry(b: Uint8Array, entry: DirectoryEntry): Uint8Array {
  const at = entry.localOffset;
  if (u32(b, at) !== localSignature) throw malformed();
  const nameLength = u16(b, at + 26);
  const localName = new TextDecoder().decode(b.subarray(at + 30, at + 30 + nameLength));
  if (localName !== entry.name) throw malformed();
  const start = at + 30 + nameLength + u16(b, at + 28);
  const end = start + entry.compressedSize;
  if (end > b.length) throw malformed();
  const data = b.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data;
  } else {
    try {
      // Inflating stops at the declared size: an entry that lied about it fails here, having
      // cost no more memory than it admitted to.
      out =
        entry.size === 0
          ? new Uint8Array(0)
          : inflateRawSync(data, { maxOutputLength: entry.size });
    } catch {
      throw malformed();
    }
  }
  if (out.length !== entry.size || crc32(out) !== entry.crc) throw malformed();
  return out;
}

/**
 * The spreadsheet entries of an upload, checked, as a new archive that stores them without
 * compression. Throws `import_archive_too_large` or `import_malformed`.
 */
export function unpackXlsxArchive(bytes: Uint8Array): Uint8Array {
  const entries = readZipDirectory(bytes).filter((e) => isSheetEntry(e.name));
  const names = new Set<string>();
  const files: { name: Uint8Array; data: Uint8Array; crc: number }[] = [];
  for (const entry of entries) {
    if (names.has(entry.name)) throw malformed();
    names.add(entry.name);
    const data = inflateEntry(bytes, entry);
    files.push({ name: new TextEncoder().encode(entry.name), data, crc: entry.crc });
  }
  return storeZip(files);
}

/** A zip archive of the given files, stored (method 0), with its central directory. */
function storeZip(files: { name: Uint8Array; data: Uint8Array; crc: number }[]): Uint8Array {
  const size =
    files.reduce((n, f) => n + 30 + f.name.length + f.data.length + 46 + f.name.length, 0) + 22;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const f of files) {
    offsets.push(at);
    view.setUint32(at, localSignature, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 8, 0, true);
    view.setUint32(at + 14, f.crc, true);
    view.setUint32(at + 18, f.data.length, true);
    view.setUint32(at + 22, f.data.length, true);
    view.setUint16(at + 26, f.name.length, true);
    out.set(f.name, at + 30);
    out.set(f.data, at + 30 + f.name.length);
    at += 30 + f.name.length + f.data.length;
  }
  const directoryStart = at;
  files.forEach((f, i) => {
    view.setUint32(at, directorySignature, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint32(at + 16, f.crc, true);
    view.setUint32(at + 20, f.data.length, true);
    view.setUint32(at + 24, f.data.length, true);
    view.setUint16(at + 28, f.name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(f.name, at + 46);
    at += 46 + f.name.length;
  });
  view.setUint32(at, endOfDirectorySignature, true);
  view.setUint16(at + 8, files.length, true);
  view.setUint16(at + 10, files.length, true);
  view.setUint32(at + 12, at - directoryStart, true);
  view.setUint32(at + 16, directoryStart, true);
  return out;
}
