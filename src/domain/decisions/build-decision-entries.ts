import type { DecisionEntry } from '#src/schemas/decision-content.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';

/**
 * Those a decision names: the notice's entries, in the notice's order (surname strokes or
 * number, as the notice chose), minus those whose naming the outcome suspended. Nobody can be
 * named who was not publicised, and nobody suspended is named.
 */
export function buildDecisionEntries(notice: NoticeContent): DecisionEntry[] {
  const suspended = new Set(notice.outcome?.suspended ?? []);
  return notice.entries
    .filter((e) => !suspended.has(e.candidateId))
    .map((e) => ({
      candidateId: e.candidateId,
      kind: e.kind,
      track: e.track,
      trackName: e.trackName,
      name: e.name,
      organisation: e.organisation,
      currentPost: e.kind === 'individual' ? e.currentPost : null,
    }));
}
