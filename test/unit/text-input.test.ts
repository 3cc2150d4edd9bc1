import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ballotRequestSchema } from '#src/schemas/api.ts';
import { auditQuerySchema } from '#src/schemas/audit-query.ts';
import { campaignInputSchema, trackInputSchema } from '#src/schemas/campaign-input.ts';
import {
  candidateInputSchema,
  candidatePatchSchema,
  candidateStatusChangeSchema,
  markdownPreviewSchema,
  staffCandidateQuerySchema,
} from '#src/schemas/candidate-input.ts';
import { conversionPreviewSchema, conversionTermInputSchema } from '#src/schemas/conversion.ts';
import { voidRequestSchema } from '#src/schemas/integrity.ts';
import { noticeDraftFieldsSchema, noticePublishRequestSchema } from '#src/schemas/notice-input.ts';
import { reportRequestSchema } from '#src/schemas/report.ts';
import { staffAccountCreateSchema, staffLoginRequestSchema } from '#src/schemas/staff.ts';
import { personInput } from '../helpers/candidate-fixtures.ts';

const person = {
  ...personInput,
  degree: '学士',
  district: '东河区',
  sector: '应急管理',
  cv: '2004.07—2010.03 某局科员\n2010.03— 某局局长',
};

/**
 * Every schema a request body or query passes through, with a valid value that fills in every
 * text field it has. Passwords are left out on purpose: they are hashed, never stored or shown.
 */
const inputs: [string, z.ZodType, Record<string, unknown>][] = [
  [
    'campaign',
    campaignInputSchema,
    { slug: '2027', year: 2027, title: '评选', organiser: '组织部', intro: '说明\n第二段' },
  ],
  [
    'track',
    trackInputSchema,
    { slug: 'units', kind: 'unit', name: '好单位', description: '说明', quota: 3, maxPicks: 3 },
  ],
  ['candidate', candidateInputSchema, person],
  ['candidate patch', candidatePatchSchema, { name: '林晓岚', deeds: '事迹' }],
  ['status change', candidateStatusChangeSchema, { ids: [1], to: 'withdrawn', note: '本人申请' }],
  ['candidate search', staffCandidateQuerySchema, { q: '林' }],
  ['Markdown preview', markdownPreviewSchema, { markdown: '**事迹**' }],
  [
    'notice draft',
    noticeDraftFieldsSchema,
    {
      serial: '第1号',
      title: '公示',
      lead: '根据……',
      periodStart: '2026-01-12',
      workingDays: 5,
      reportPhone: '0519-12380',
      reportAddress: '澄川市人民路1号',
      reportPostcode: '213000',
      reportVisit: '工作日 9:00—17:00',
      reportWeb: 'https://example.cn/report',
      reportRules: '实名举报',
      signature: '中共澄川市委组织部',
      signedOn: '2026-01-10',
      showPhotos: true,
      showSummaries: true,
      entryOrder: 'stroke',
    },
  ],
  ['notice publish', noticePublishRequestSchema, { changeNote: '更正' }],
  [
    'report',
    reportRequestSchema,
    { content: '反映问题', name: '张三', phone: '13800000000', botCheck: 'proof' },
  ],
  [
    'ballot',
    ballotRequestSchema,
    { campaign: '2026', track: 'units', candidates: [1], botCheck: 'p' },
  ],
  [
    'void',
    voidRequestSchema,
    {
      filter: {
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00Z',
        addressHash: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
      },
      reasonCategory: 'burst',
      note: '集中投票',
    },
  ],
  [
    'audit query',
    auditQuerySchema,
    { action: 'campaign.', entityType: 'x', entityId: '1', actor: 'a@b.cn' },
  ],
  [
    'conversion term',
    conversionTermInputSchema,
    { simplified: '李云', traditional: '李雲', note: '人名' },
  ],
  ['conversion preview', conversionPreviewSchema, { text: '李云' }],
  ['login', staffLoginRequestSchema, { email: 'a@example.cn', password: 'x' }],
  [
    'new account',
    staffAccountCreateSchema,
    { email: 'a@example.cn', displayName: '张三', role: 'editor', password: 'x' },
  ],
];

/** Paths of every string in a value, except passwords. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return path.at(-1) === 'password' ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  }
  return [];
}

function withText(value: unknown, path: (string | number)[], text: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = text;
  return copy;
}

// Tab, line feed and carriage return are refused on one line and allowed in paragraphs; the rest
// of C0 and DEL everywhere.
const neverAllowed = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((i) => ![9, 10, 13].includes(i)),
  0x7f,
].map((code) => String.fromCharCode(code));

describe('every text input refuses control characters at the schema', () => {
  for (const [name, schema, valid] of inputs) {
    it(`${name}: the valid value passes, and no string field takes a control character`, () => {
      expect(schema.safeParse(valid).error?.issues).toBeUndefined();
      const paths = stringPaths(valid);
      expect(paths.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          fc.constantFrom(...neverAllowed, '\ud800'),
          fc.nat(),
          (path, bad, at) => {
            const text = String(path.reduce<unknown>((v, k) => (v as never)[k], valid));
            const cut = at % (text.length + 1);
            const tainted = withText(valid, path, text.slice(0, cut) + bad + text.slice(cut));
            const parsed = schema.safeParse(tainted);
            expect(
              parsed.success,
              `${path.join('.')} took U+${bad.charCodeAt(0).toString(16)}`,
            ).toBe(false);
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  it('refuses a control character that trimming would otherwise strip (a month ending in U+000B)', () => {
    for (const workStarted of ['2001-07\u000b', '\u000c2001-07', '2001-07\u0085\u000b']) {
      expect(candidateInputSchema.safeParse({ ...person, workStarted }).success).toBe(false);
    }
    const spaced = candidateInputSchema.safeParse({ ...person, workStarted: ' 2001-07 ' });
    expect(spaced.data).toMatchObject({ workStarted: '2001-07' });
  });

  it('lets paragraphs keep their line breaks and tabs, and refuses them on one line', () => {
    expect(candidateInputSchema.safeParse({ ...person, deeds: '甲\r\n\t乙' }).success).toBe(true);
    expect(candidateInputSchema.safeParse({ ...person, name: '林\t晓岚' }).success).toBe(false);
    expect(candidateInputSchema.safeParse({ ...person, name: '林\n晓岚' }).success).toBe(false);
  });
});
