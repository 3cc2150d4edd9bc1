import type { NoticeContent, NoticeEntry, NoticeOutcome } from '#src/schemas/notice-content.ts';
import {
  noticeEntryFields,
  noticeFramingFields,
  type NoticeEntryField,
  type NoticeFramingField,
} from '#src/schemas/notice-input.ts';

export interface NoticeFieldChange {
  field: NoticeFramingField;
  before: string | number | boolean;
  after: string | number | boolean;
}

export interface NoticeEntryRef {
  candidateId: number;
  name: string;
  trackName: string;
}

export interface NoticeEntryChange extends NoticeEntryRef {
  /** Which of the entry's fields differ, in the customary order. */
  fields: NoticeEntryField[];
}

/** How the outcome of the publicity changed: stated for the first time, or corrected. */
export interface NoticeOutcomeChange {
  before: NoticeOutcome | null;
  after: NoticeOutcome | null;
  /** Entries whose naming is suspended now and was not before, and the reverse. */
  suspendedAdded: NoticeEntryRef[];
  suspendedRemoved: NoticeEntryRef[];
}

export interface NoticeDiff {
  fields: NoticeFieldChange[];
  added: NoticeEntryRef[];
  removed: NoticeEntryRef[];
  changed: NoticeEntryChange[];
  /** Present only when the outcome of the publicity differs. */
  outcome?: NoticeOutcomeChange;
}

const ref = (e: NoticeEntry): NoticeEntryRef => ({
  candidateId: e.candidateId,
  name: e.name,
  trackName: e.trackName,
});

/**
 * What changed from one revision of a notice to the next: the framing fields that differ, and
 * the entries added, removed or changed (matched by candidate, so a corrected name is a change
 * of that entry, not a removal and an addition).
 */
export function diffNoticeRevisions(before: NoticeContent, after: NoticeContent): NoticeDiff {
  const fields: NoticeFieldChange[] = [];
  for (const field of noticeFramingFields) {
    if (before[field] !== after[field]) {
      fields.push({ field, before: before[field], after: after[field] });
    }
  }
  const earlier = new Map(before.entries.map((e) => [e.candidateId, e]));
  const later = new Set(after.entries.map((e) => e.candidateId));
  const added: NoticeEntryRef[] = [];
  const changed: NoticeEntryChange[] = [];
  for (const e of after.entries) {
    const old = earlier.get(e.candidateId);
    if (!old) {
      added.push(ref(e));
      continue;
    }
    const differing = noticeEntryFields.filter((f) => old[f] !== e[f]);
    if (differing.length > 0) changed.push({ ...ref(e), fields: differing });
  }
  const removed = before.entries.filter((e) => !later.has(e.candidateId)).map(ref);
  const outcome = diffOutcome(before, after);
  return { fields, added, removed, changed, ...(outcome ? { outcome } : {}) };
}

function diffOutcome(before: NoticeContent, after: NoticeContent): NoticeOutcomeChange | null {
  const was = before.outcome ?? null;
  const is = after.outcome ?? null;
  if (JSON.stringify(was) === JSON.stringify(is)) return null;
  const wasSuspended = new Set(was?.suspended ?? []);
  const isSuspended = new Set(is?.suspended ?? []);
  const refs = (entries: NoticeEntry[], ids: Set<number>, not: Set<number>) =>
    entries.filter((e) => ids.has(e.candidateId) && !not.has(e.candidateId)).map(ref);
  return {
    before: was,
    after: is,
    suspendedAdded: refs(after.entries, isSuspended, wasSuspended),
    suspendedRemoved: refs(before.entries, wasSuspended, isSuspended),
  };
}

export function isEmptyDiff(d: NoticeDiff): boolean {
  return d.fields.length + d.added.length + d.removed.length + d.changed.length === 0 && !d.outcome;
}
