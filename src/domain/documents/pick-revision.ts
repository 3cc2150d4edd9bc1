import { DomainError } from '../errors.ts';

/**
 * The revision a reader asked for among a document's published revisions (a notice's, a naming
 * decision's), oldest first: `wanted`, or the latest when none is asked for. Also the latest and
 * the one before the shown one, which the page compares with. A revision that does not exist is
 * `not_found` with `reason` (the document's own message).
 */
export function pickRevision<R extends { revision: number }>(
  rows: readonly R[],
  wanted: number | undefined,
  reason: string,
  slug: string,
): { shown: R; latest: R; previous: R | null } {
  const latest = rows[rows.length - 1]!;
  const revision = wanted ?? latest.revision;
  const index = rows.findIndex((r) => r.revision === revision);
  if (index < 0) throw new DomainError('not_found', reason, { slug, revision });
  return { shown: rows[index]!, latest, previous: index > 0 ? rows[index - 1]! : null };
}
