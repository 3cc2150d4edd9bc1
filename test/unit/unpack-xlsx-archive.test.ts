import { randomBytes } from 'node:crypto';
import { readSheet } from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { isDomainError } from '#src/domain/errors.ts';
import {
  maxArchiveEntries,
  readZipDirectory,
  unpackXlsxArchive,
} from '#src/domain/candidates/unpack-xlsx-archive.ts';
import { file, xlsxBomb, zip } from '../fixtures/import/make-spreadsheet-bombs.ts';

function refusalOf(run: () => unknown): { reason: string; details: Record<string, unknown> } {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return { reason: e.reason, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('unpackXlsxArchive', () => {
  it('hands on a real workbook unchanged in content, its entries stored', async () => {
    const rows = [
      ['姓名', '单位'],
      ['林晓岚', '澄川市某局'],
    ];
    const original = await writeXlsxFile(rows as never).toBuffer();
    const unpacked = unpackXlsxArchive(new Uint8Array(original));
    expect(await readSheet(unpacked.buffer as ArrayBuffer)).toEqual(rows);
    for (const entry of readZipDirectory(unpacked)) {
      expect(entry.method).toBe(0);
      expect(entry.compressedSize).toBe(entry.size);
    }
  });

  it('refuses by the directory an entry declared larger than 32 MB, before inflating', () => {
    expect(refusalOf(() => unpackXlsxArchive(xlsxBomb(40 * 1024 * 1024)))).toEqual({
      reason: 'import_archive_too_large',
      details: { reason: 'entry', max: 32 * 1024 * 1024 },
    });
  });

  it('refuses entries that together claim more than 48 MB', () => {
    // 400 KB each, so no entry claims more than 100:1; the data is never inflated.
    const files = [0, 1, 2].map((i) => ({
      name: `xl/part${i}.xml`,
      data: randomBytes(400_000),
      crc: 0,
      size: 0,
    }));
    const archive = zip(files, () => 20 * 1024 * 1024);
    expect(refusalOf(() => unpackXlsxArchive(archive)).details).toEqual({
      reason: 'total',
      max: 48 * 1024 * 1024,
    });
  });

  it('refuses an entry compressed more than a hundred to one', () => {
    expect(refusalOf(() => unpackXlsxArchive(xlsxBomb(2 * 1024 * 1024))).details).toEqual({
      reason: 'ratio',
      max: 100,
    });
  });

  it(`refuses more than ${maxArchiveEntries} entries`, () => {
    const files = Array.from({ length: maxArchiveEntries + 1 }, (_, i) =>
      file(`xl/p${i}.xml`, '<a/>'),
    );
    expect(refusalOf(() => unpackXlsxArchive(zip(files))).details.reason).toBe('entries');
  });

  it('refuses an entry that inflates past its declared size, a wrong CRC, a renamed local entry', () => {
    const honest = file('xl/sharedStrings.xml', '<sst>' + 'a'.repeat(5000) + '</sst>');
    const lying = zip([honest], () => 100);
    expect(refusalOf(() => unpackXlsxArchive(lying)).reason).toBe('import_malformed');

    const badCrc = zip([{ ...honest, crc: honest.crc ^ 1 }]);
    expect(refusalOf(() => unpackXlsxArchive(badCrc)).reason).toBe('import_malformed');

    const renamed = zip([honest]);
    // The local header's name differs from the directory's: two readers would see two files.
    const at = Buffer.from(renamed).indexOf('xl/sharedStrings.xml');
    renamed[at] = 'X'.charCodeAt(0);
    expect(refusalOf(() => unpackXlsxArchive(renamed)).reason).toBe('import_malformed');
  });

  it('refuses encrypted entries, truncated archives and what is no zip at all', () => {
    const archive = zip([file('xl/workbook.xml', '<workbook/>')]);
    const encrypted = Uint8Array.from(archive);
    const directory = Buffer.from(encrypted).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted[directory + 8] = 1;
    expect(refusalOf(() => unpackXlsxArchive(encrypted)).reason).toBe('import_malformed');
    expect(refusalOf(() => unpackXlsxArchive(archive.subarray(0, 40))).reason).toBe(
      'import_malformed',
    );
    expect(
      refusalOf(() => unpackXlsxArchive(new TextEncoder().encode('PK\x03\x04 nope'))).reason,
    ).toBe('import_malformed');
  });
});
