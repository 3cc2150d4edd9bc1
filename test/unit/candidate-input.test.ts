import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '#src/render/render-markdown.ts';
import { trackInputSchema } from '#src/schemas/campaign-input.ts';
import {
  candidateFields,
  candidateFieldsFor,
  candidateInputSchema,
  candidatePatchSchema,
  candidatePatchSchemaFor,
  isFieldRequired,
  isRealMonth,
} from '#src/schemas/candidate-input.ts';

const person = {
  kind: 'individual',
  name: ' 林晓岚 ',
  sex: '女',
  ethnicity: '汉族',
  birth: '1981-04',
  nativePlace: '江苏澄川',
  politicalAffiliation: '中共党员',
  partyJoined: '2003-06',
  workStarted: '2004-07',
  education: '大学',
  degree: '管理学学士',
  currentPost: '澄川市东河区应急管理局局长',
  organisation: '澄川市东河区应急管理局',
} as const;

const unit = {
  kind: 'unit',
  name: '澄川市东河区应急管理局',
  headName: '周立新',
  headTitle: '局长',
} as const;

describe('candidateFields', () => {
  it('lists the notice fields in notice order with Chinese labels', () => {
    expect(candidateFields.slice(0, 5).map((f) => f.label)).toEqual([
      '编号',
      '姓名',
      '性别',
      '民族',
      '出生年月',
    ]);
  });

  it('requires the personal notice fields for individuals and the head for units', () => {
    const required = (kind: 'individual' | 'unit') =>
      candidateFieldsFor(kind)
        .filter((f) => isFieldRequired(f, kind))
        .map((f) => f.key)
        .sort();
    expect(required('individual')).toEqual(
      [
        'name',
        'sex',
        'ethnicity',
        'birth',
        'nativePlace',
        'politicalAffiliation',
        'workStarted',
        'education',
        'currentPost',
        'organisation',
      ].sort(),
    );
    expect(required('unit')).toEqual(['headName', 'headTitle', 'name']);
  });

  it('gives units no personal fields', () => {
    const keys = candidateFieldsFor('unit').map((f) => f.key);
    for (const k of ['sex', 'ethnicity', 'birth', 'nativePlace', 'cv']) {
      expect(keys).not.toContain(k);
    }
  });
});

describe('candidateInputSchema', () => {
  it('accepts a complete person and trims text', () => {
    const parsed = candidateInputSchema.parse(person);
    expect(parsed.name).toBe('林晓岚');
  });

  it('accepts a unit with its head', () => {
    expect(candidateInputSchema.safeParse(unit).success).toBe(true);
  });

  it.each([
    'name',
    'sex',
    'ethnicity',
    'birth',
    'nativePlace',
    'politicalAffiliation',
    'workStarted',
    'education',
    'currentPost',
    'organisation',
  ])('refuses a person without %s', (key) => {
    const { [key as keyof typeof person]: _dropped, ...rest } = person;
    const result = candidateInputSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual([key]);
  });

  it('refuses a person whose required text is only spaces', () => {
    expect(candidateInputSchema.safeParse({ ...person, ethnicity: '   ' }).success).toBe(false);
  });

  it.each(['headName', 'headTitle', 'name'])('refuses a unit without %s', (key) => {
    const { [key as keyof typeof unit]: _dropped, ...rest } = unit;
    expect(candidateInputSchema.safeParse(rest).success).toBe(false);
  });

  it('refuses personal fields on a unit', () => {
    const result = candidateInputSchema.safeParse({ ...unit, sex: '男' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.code).toBe('unrecognized_keys');
  });

  it('refuses the unit head on a person', () => {
    expect(candidateInputSchema.safeParse({ ...person, headName: '某某' }).success).toBe(false);
  });

  it.each(['男', '女'])('accepts sex %s', (sex) => {
    expect(candidateInputSchema.safeParse({ ...person, sex }).success).toBe(true);
  });

  it.each(['M', 'male', '', '男性'])('refuses sex %j', (sex) => {
    expect(candidateInputSchema.safeParse({ ...person, sex }).success).toBe(false);
  });

  it.each(['1981-13', '1981-00', '81-04', '1899-12', '2101-01', '1981年13月', '1981.4.5.6'])(
    'refuses the month %j',
    (birth) => {
      expect(candidateInputSchema.safeParse({ ...person, birth }).success).toBe(false);
    },
  );

  it.each(['1900-01', '1981-12', '2100-12'])('accepts the month %j', (birth) => {
    expect(isRealMonth(birth)).toBe(true);
    expect(candidateInputSchema.safeParse({ ...person, birth }).success).toBe(true);
  });

  it.each([
    ['1982.06', '1982-06'],
    ['1982.6', '1982-06'],
    ['1982年6月', '1982-06'],
    ['1982/06', '1982-06'],
    ['198206', '1982-06'],
    ['1982-6', '1982-06'],
  ])('takes the customary month %j as %j, as the import does', (birth, month) => {
    const parsed = candidateInputSchema.safeParse({ ...person, birth });
    expect(parsed.success && parsed.data.kind === 'individual' && parsed.data.birth).toBe(month);
  });

  it('says in staff Chinese how to write a month it cannot read', () => {
    const parsed = candidateInputSchema.safeParse({ ...person, birth: '八二年' });
    expect(parsed.error!.issues[0]!.message).toContain('例如 1982-06、1982.06 或 1982年6月');
  });

  it('lets optional months be empty or null', () => {
    expect(candidateInputSchema.safeParse({ ...person, partyJoined: '' }).success).toBe(true);
    expect(candidateInputSchema.safeParse({ ...person, partyJoined: null }).success).toBe(true);
    expect(candidateInputSchema.safeParse({ ...person, partyJoined: '2003-13' }).success).toBe(
      false,
    );
  });

  it('holds the summary to 80 characters and deeds to 20,000', () => {
    const ok = { ...person, summary: '字'.repeat(80), deeds: '字'.repeat(20_000) };
    expect(candidateInputSchema.safeParse(ok).success).toBe(true);
    expect(candidateInputSchema.safeParse({ ...person, summary: '字'.repeat(81) }).success).toBe(
      false,
    );
    expect(candidateInputSchema.safeParse({ ...person, deeds: '字'.repeat(20_001) }).success).toBe(
      false,
    );
  });

  it('takes a ballot number from 1 to 9999 when given', () => {
    expect(candidateInputSchema.safeParse({ ...person, number: 1 }).success).toBe(true);
    for (const number of [0, -1, 1.5, 10_000]) {
      expect(candidateInputSchema.safeParse({ ...person, number }).success).toBe(false);
    }
  });

  it('refuses an unknown key instead of dropping it', () => {
    expect(candidateInputSchema.safeParse({ ...person, nmae: 'typo' }).success).toBe(false);
  });

  it('takes only an uploaded image id as portrait', () => {
    expect(candidateInputSchema.safeParse({ ...person, portraitId: 'a'.repeat(64) }).success).toBe(
      true,
    );
    expect(candidateInputSchema.safeParse({ ...person, portraitId: '../x.png' }).success).toBe(
      false,
    );
  });
});

describe('candidatePatchSchema', () => {
  it('needs at least one field', () => {
    expect(candidatePatchSchema.safeParse({}).success).toBe(false);
    expect(candidatePatchSchema.safeParse({ summary: '新摘要' }).success).toBe(true);
  });

  it('per kind: a unit patch may not carry personal fields, a required one not be emptied', () => {
    expect(candidatePatchSchemaFor('unit').safeParse({ sex: '男' }).success).toBe(false);
    expect(candidatePatchSchemaFor('unit').safeParse({ headName: '' }).success).toBe(false);
    expect(candidatePatchSchemaFor('individual').safeParse({ birth: '1981-02' }).success).toBe(
      true,
    );
    expect(candidatePatchSchemaFor('individual').safeParse({ name: ' ' }).success).toBe(false);
  });
});

// The staff preview uses the public renderer; what staff type must stay inert in both.
describe('Markdown that staff preview stays inert', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>'],
    ['an inline handler', '<img src=x onerror="alert(1)">'],
    [
      'raw HTML',
      '<div style="position:fixed">覆盖</div><iframe src="https://evil.example"></iframe>',
    ],
    ['a javascript: link', '[点我](javascript:alert(1))'],
    ['an autolinked javascript: URL', '<javascript:alert(document.cookie)>'],
    ['a javascript: image', '![图](javascript:alert(1))'],
  ])('%s', (_label, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(script|img|div|iframe)\b/i);
    expect(html).not.toMatch(/<a\b/i);
    // Escaped text may still read `onerror=`; what matters is that no tag carries it.
    expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
  });
});

describe('track rules', () => {
  const track = {
    slug: 'cadres',
    kind: 'individual',
    name: '好干部',
    quota: 8,
    maxPicks: 8,
    minPicks: 1,
  };
  it('names the field to change and the bound, in staff Chinese', () => {
    const over = trackInputSchema.safeParse({ ...track, maxPicks: 10 });
    expect(over.error!.issues).toEqual([
      expect.objectContaining({
        path: ['maxPicks'],
        message: expect.stringContaining('不能多于名额 8'),
      }),
    ]);
    const under = trackInputSchema.safeParse({ ...track, maxPicks: 3, minPicks: 5 });
    expect(under.error!.issues).toEqual([
      expect.objectContaining({
        path: ['minPicks'],
        message: expect.stringContaining('“每票最少选”不能多于“每票最多选”（3）'),
      }),
    ]);
    expect(trackInputSchema.safeParse(track).success).toBe(true);
  });
});
