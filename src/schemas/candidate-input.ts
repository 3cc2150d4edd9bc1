import { z } from 'zod';
import { lineText, paragraphText } from './text.ts';
import { candidateStatuses, type TrackKind } from './enums.ts';

/**
 * What staff enter for a candidate: the fields of a pre-appointment publicity notice (src/domain/README.md)
 * for a person, or unit name, head and deeds for a unit. Shared by the API, the admin forms and
 * the spreadsheet import, so the three cannot drift apart. No server imports.
 */

export type CandidateFieldKey =
  | 'number'
  | 'name'
  | 'sex'
  | 'ethnicity'
  | 'birth'
  | 'nativePlace'
  | 'politicalAffiliation'
  | 'partyJoined'
  | 'workStarted'
  | 'education'
  | 'degree'
  | 'currentPost'
  | 'organisation'
  | 'headName'
  | 'headTitle'
  | 'district'
  | 'sector'
  | 'cv'
  | 'summary'
  | 'deeds';

/**
 * A person's particulars, in the order a notice entry lists them (性别 … 现任职务): the fields
 * every view of a person carries as they are stored.
 */
export const personParticulars = [
  'sex',
  'ethnicity',
  'birth',
  'nativePlace',
  'politicalAffiliation',
  'partyJoined',
  'workStarted',
  'education',
  'degree',
  'currentPost',
] as const satisfies readonly CandidateFieldKey[];
export type PersonParticular = (typeof personParticulars)[number];

/** The `keys` of `row`, and nothing else: a view that lists its fields once. */
export function pickFields<R, K extends keyof R>(row: R, keys: readonly K[]): Pick<R, K> {
  const out = {} as Pick<R, K>;
  for (const key of keys) out[key] = row[key];
  return out;
}

/** How a field is entered and checked: forms pick their widget from this. */
export type CandidateFieldType = 'integer' | 'text' | 'longText' | 'markdown' | 'month' | 'sex';

export interface CandidateField {
  key: CandidateFieldKey;
  /** Label on forms and header of the import template. */
  label: string;
  /** The label for a unit where it differs (a unit's "name" is its full name). */
  unitLabel?: string;
  kinds: readonly TrackKind[];
  /** Required for every kind the field belongs to, unless `requiredFor` narrows it. */
  required: boolean;
  requiredFor?: readonly TrackKind[];
  type: CandidateFieldType;
  /** Most characters; absent for the number. */
  maxLength?: number;
}

const both = ['individual', 'unit'] as const;
const person = ['individual'] as const;
const unit = ['unit'] as const;

const summaryMaxLength = 80;
const deedsMaxLength = 20_000;

/** In the order of a notice entry; forms and the import template follow it. */
export const candidateFields: readonly CandidateField[] = [
  { key: 'number', label: '编号', kinds: both, required: false, type: 'integer' },
  {
    key: 'name',
    label: '姓名',
    unitLabel: '单位全称',
    kinds: both,
    required: true,
    type: 'text',
    maxLength: 100,
  },
  { key: 'sex', label: '性别', kinds: person, required: true, type: 'sex', maxLength: 1 },
  { key: 'ethnicity', label: '民族', kinds: person, required: true, type: 'text', maxLength: 20 },
  { key: 'birth', label: '出生年月', kinds: person, required: true, type: 'month', maxLength: 7 },
  { key: 'nativePlace', label: '籍贯', kinds: person, required: true, type: 'text', maxLength: 50 },
  {
    key: 'politicalAffiliation',
    label: '政治面貌',
    kinds: person,
    required: true,
    type: 'text',
    maxLength: 30,
  },
  {
    key: 'partyJoined',
    label: '入党时间',
    kinds: person,
    required: false,
    type: 'month',
    maxLength: 7,
  },
  {
    key: 'workStarted',
    label: '参加工作时间',
    kinds: person,
    required: true,
    type: 'month',
    maxLength: 7,
  },
  { key: 'education', label: '学历', kinds: person, required: true, type: 'text', maxLength: 50 },
  { key: 'degree', label: '学位', kinds: person, required: false, type: 'text', maxLength: 50 },
  {
    key: 'currentPost',
    label: '现任职务',
    kinds: person,
    required: true,
    type: 'text',
    maxLength: 200,
  },
  {
    key: 'organisation',
    label: '工作单位',
    unitLabel: '上级单位',
    kinds: both,
    required: true,
    requiredFor: person,
    type: 'text',
    maxLength: 100,
  },
  {
    key: 'headName',
    label: '单位负责人',
    kinds: unit,
    required: true,
    type: 'text',
    maxLength: 50,
  },
  {
    key: 'headTitle',
    label: '负责人职务',
    kinds: unit,
    required: true,
    type: 'text',
    maxLength: 100,
  },
  { key: 'district', label: '所属地区', kinds: both, required: false, type: 'text', maxLength: 50 },
  { key: 'sector', label: '所属领域', kinds: both, required: false, type: 'text', maxLength: 50 },
  { key: 'cv', label: '简历', kinds: person, required: false, type: 'longText', maxLength: 4000 },
  {
    key: 'summary',
    label: '事迹摘要',
    kinds: both,
    required: false,
    type: 'text',
    maxLength: summaryMaxLength,
  },
  {
    key: 'deeds',
    label: '先进事迹',
    kinds: both,
    required: false,
    type: 'markdown',
    maxLength: deedsMaxLength,
  },
];

/** The fields of one kind of candidate, in notice order. */
export function candidateFieldsFor(kind: TrackKind): CandidateField[] {
  return candidateFields.filter((f) => f.kinds.includes(kind));
}

export function isFieldRequired(field: CandidateField, kind: TrackKind): boolean {
  return field.required && (field.requiredFor ?? field.kinds).includes(kind);
}

export function fieldLabel(field: CandidateField, kind: TrackKind): string {
  return kind === 'unit' ? (field.unitLabel ?? field.label) : field.label;
}

/** Statuses an imported row may start in: the later ones are decisions, not data entry. */
export const importableStatuses = ['nominated', 'shortlisted'] as const;
export type ImportableStatus = (typeof importableStatuses)[number];

/** Extra column of the import sheet, after the candidate fields. */
export const importStatusColumn = { key: 'status', label: '状态' } as const;

const monthPattern = /^(\d{4})-(\d{2})$/;

/** True for `YYYY-MM` naming a real month of a plausible year (1900–2100). */
export function isRealMonth(value: string): boolean {
  const m = monthPattern.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12;
}

/**
 * `1975-03`, `1975-3`, `1975.03`, `1975/3`, `1975年3月`, `197503`, `1975-03-12`: how months are
 * written in Chinese personnel forms (a cadre form writes 1982.06). Returns the text unchanged
 * when it is none of these, so the schema reports it as it was written. The form and the import
 * accept the same forms.
 */
export function normaliseMonth(text: string): string {
  const t = text.trim();
  const m =
    /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:月|[-./]\s*\d{1,2}\s*日?)?$/.exec(t) ??
    /^(\d{4})(\d{2})$/.exec(t);
  if (!m) return t;
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

const requiredText = (max: number) => lineText().trim().min(1).max(max);
/** Optional text: absent, null or empty all mean "not given". */
const optionalText = (max: number) => lineText().trim().max(max).nullish();
/** Text of several paragraphs (deeds in Markdown, a CV line by line). */
const optionalParagraphs = (max: number) => paragraphText().trim().max(max).nullish();
const month = lineText().trim().transform(normaliseMonth).refine(isRealMonth, {
  message: '请填写年和月，例如 1982-06、1982.06 或 1982年6月（年份 1900—2100，月份 1—12）。',
});
const portraitId = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected the id of an uploaded image')
  .nullish();
const number = z.int().min(1).max(9999).optional();

const sharedShape = {
  number,
  name: requiredText(100),
  district: optionalText(50),
  sector: optionalText(50),
  summary: optionalText(summaryMaxLength),
  deeds: optionalParagraphs(deedsMaxLength),
  portraitId,
};

const individualShape = {
  ...sharedShape,
  organisation: requiredText(100),
  sex: z.enum(['男', '女']),
  ethnicity: requiredText(20),
  birth: month,
  nativePlace: requiredText(50),
  politicalAffiliation: requiredText(30),
  partyJoined: month.nullish().or(z.literal('')),
  workStarted: month,
  education: requiredText(50),
  degree: optionalText(50),
  currentPost: requiredText(200),
  cv: optionalParagraphs(4000),
};

const unitShape = {
  ...sharedShape,
  organisation: optionalText(100),
  headName: requiredText(50),
  headTitle: requiredText(100),
};

/**
 * A person. Unknown keys are refused rather than dropped, so a typo in a field name is an
 * error and not a silently lost edit.
 */
const individualCandidateInputSchema = z.strictObject({
  kind: z.literal('individual'),
  ...individualShape,
});

/** A unit: no personal fields (strict), its head instead. */
const unitCandidateInputSchema = z.strictObject({
  kind: z.literal('unit'),
  ...unitShape,
});

export const candidateInputSchema = z.discriminatedUnion('kind', [
  individualCandidateInputSchema,
  unitCandidateInputSchema,
]);
export type CandidateInput = z.infer<typeof candidateInputSchema>;

/** The schema of one kind, without the `kind` key: what one row of an import must satisfy. */
export function candidateInputSchemaFor(kind: TrackKind) {
  return kind === 'unit'
    ? unitCandidateInputSchema.omit({ kind: true })
    : individualCandidateInputSchema.omit({ kind: true });
}

/**
 * A change to some fields. The route checks the shape; the verb checks it again against the
 * candidate's own kind (candidatePatchSchemaFor), which only the database knows.
 */
export const candidatePatchSchema = z
  .strictObject({ ...individualShape, ...unitShape })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type CandidatePatch = z.infer<typeof candidatePatchSchema>;

/** Every field of the kind may be changed; a required one may not be emptied. */
export function candidatePatchSchemaFor(kind: TrackKind) {
  return candidateInputSchemaFor(kind).partial();
}

export const candidateStatusChangeSchema = z.strictObject({
  ids: z.array(z.int().positive()).min(1).max(500),
  to: z.enum(candidateStatuses),
  note: paragraphText().trim().max(500).optional(),
});
export type CandidateStatusChange = z.infer<typeof candidateStatusChangeSchema>;

export const staffCandidateQuerySchema = z.object({
  track: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  status: z.enum(candidateStatuses).optional(),
  q: lineText().trim().max(100).optional(),
});
export type StaffCandidateQuery = z.infer<typeof staffCandidateQuerySchema>;

export const markdownPreviewSchema = z.strictObject({
  markdown: paragraphText().max(deedsMaxLength),
});
