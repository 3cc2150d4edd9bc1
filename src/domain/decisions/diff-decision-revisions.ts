import type { DecisionContent, DecisionEntry } from '#src/schemas/decision-content.ts';
import {
  decisionEntryFields,
  decisionFramingFields,
  type DecisionFramingField,
} from '#src/schemas/decision-input.ts';

export interface DecisionDiff {
  fields: { field: DecisionFramingField; before: string; after: string }[];
  added: { candidateId: number; name: string; trackName: string }[];
  removed: { candidateId: number; name: string; trackName: string }[];
  changed: { candidateId: number; name: string; trackName: string; fields: string[] }[];
}

const ref = (e: DecisionEntry) => ({
  candidateId: e.candidateId,
  name: e.name,
  trackName: e.trackName,
});

/** What changed between two revisions of a decision: its text and who it names. */
export function diffDecisionRevisions(
  before: DecisionContent,
  after: DecisionContent,
): DecisionDiff {
  const fields = decisionFramingFields
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, before: before[field], after: after[field] }));
  const earlier = new Map(before.entries.map((e) => [e.candidateId, e]));
  const later = new Set(after.entries.map((e) => e.candidateId));
  const added = after.entries.filter((e) => !earlier.has(e.candidateId)).map(ref);
  const removed = before.entries.filter((e) => !later.has(e.candidateId)).map(ref);
  const changed = after.entries.flatMap((e) => {
    const old = earlier.get(e.candidateId);
    const differing = old ? decisionEntryFields.filter((f) => old[f] !== e[f]) : [];
    return differing.length > 0 ? [{ ...ref(e), fields: [...differing] }] : [];
  });
  return { fields, added, removed, changed };
}

export function isEmptyDecisionDiff(d: DecisionDiff): boolean {
  return d.fields.length + d.added.length + d.removed.length + d.changed.length === 0;
}
