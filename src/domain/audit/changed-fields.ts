/**
 * What an edit changes: the fields of `next` whose value differs from `current`'s, as the audit
 * entry's `before` and `after` (and `after` is what the update sets); null when nothing
 * changes, so that an edit that changes nothing writes nothing.
 */
export function changedFields<N extends object>(
  current: object,
  next: N,
): { before: Record<string, unknown>; after: Partial<N> } | null {
  const before: Record<string, unknown> = {};
  const after: Partial<N> = {};
  for (const key of Object.keys(next) as (keyof N & string)[]) {
    const was = (current as Record<string, unknown>)[key];
    if (was !== next[key]) {
      before[key] = was;
      after[key] = next[key];
    }
  }
  return Object.keys(after).length === 0 ? null : { before, after };
}
