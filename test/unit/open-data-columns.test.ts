import { describe, expect, it } from 'vitest';
import { publicCandidateStatuses } from '#src/schemas/enums.ts';
import {
  noticeColumnMeanings,
  resultsColumnMeanings,
  statusMeanings,
} from '#src/schemas/open-data-columns.ts';
import {
  resultsCsvCertificateColumns,
  resultsCsvChannelColumns,
  resultsCsvColumns,
  resultsCsvCountColumns,
} from '#src/schemas/open-data.ts';
import { noticeCsvColumns } from '#src/server/routes/notices.ts';

describe('open data explained for people', () => {
  it('gives every CSV column a Chinese header and a meaning in both languages, in file order', () => {
    expect(resultsColumnMeanings.map((c) => c.name)).toEqual([
      ...resultsCsvColumns,
      ...resultsCsvCountColumns,
      ...resultsCsvCertificateColumns,
      ...resultsCsvChannelColumns,
    ]);
    expect(noticeColumnMeanings.map((c) => c.name)).toEqual(noticeCsvColumns.map(([n]) => n));
    for (const c of [...resultsColumnMeanings, ...noticeColumnMeanings]) {
      expect(c.zh && c.meaningZh && c.meaningEn, c.name).toBeTruthy();
    }
  });

  it('says what every status code means', () => {
    expect(statusMeanings.map((s) => s.code)).toEqual([...publicCandidateStatuses]);
  });
});
