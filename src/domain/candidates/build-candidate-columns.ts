import type { candidate } from '#src/db/schema/index.ts';
import { personParticulars } from '#src/schemas/candidate-input.ts';
import type { TrackKind } from '#src/schemas/enums.ts';

type CandidateInsert = typeof candidate.$inferInsert;

/** The columns staff edit; everything else (ids, status, timestamps) belongs to the verbs. */
export const editableColumns = [
  'number',
  'name',
  'organisation',
  'district',
  'sector',
  ...personParticulars,
  'cv',
  'headName',
  'headTitle',
  'summary',
  'deeds',
  'portraitId',
] as const;
export type EditableColumn = (typeof editableColumns)[number];
export type EditableColumns = Partial<Pick<CandidateInsert, EditableColumn>>;

/** Columns that are NOT NULL with an empty-string default: "not given" is '' there, else null. */
const emptyStringColumns = new Set<string>([
  'organisation',
  'district',
  'sector',
  'summary',
  'deeds',
]);

/**
 * Maps validated input (where absent, null and '' all mean "not given") to column values. Only
 * the keys present in `input` are returned, so the same function serves create and patch.
 */
export function buildCandidateColumns(input: Record<string, unknown>): EditableColumns {
  const out: Record<string, unknown> = {};
  for (const key of editableColumns) {
    if (!(key in input)) continue;
    const value = input[key];
    if (key === 'number') {
      if (typeof value === 'number') out.number = value;
      continue;
    }
    const empty = value === undefined || value === null || value === '';
    out[key] = empty ? (emptyStringColumns.has(key) ? '' : null) : value;
  }
  return out as EditableColumns;
}

/** A unit never carries personal columns, so a row created for a unit stores them as null. */
export function personalColumnsCleared(kind: TrackKind): EditableColumns {
  if (kind === 'individual') return { headName: null, headTitle: null };
  return {
    sex: null,
    ethnicity: null,
    birth: null,
    nativePlace: null,
    politicalAffiliation: null,
    partyJoined: null,
    workStarted: null,
    education: null,
    degree: null,
    currentPost: null,
    cv: null,
  };
}
