/**
 * The entries of a notice or a naming decision in one group per track, in the order they come
 * (tracks in display order; within a track, the document's order), as the document and its feed
 * text print them under 一、二、三、….
 */
export function groupByTrack<E extends { track: string; trackName: string }>(
  entries: readonly E[],
): { track: string; trackName: string; entries: E[] }[] {
  const groups: { track: string; trackName: string; entries: E[] }[] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && last.track === e.track) last.entries.push(e);
    else groups.push({ track: e.track, trackName: e.trackName, entries: [e] });
  }
  return groups;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The numeral heading the group at `index` (0 → 一); past ten, the number. */
export function groupNumeral(index: number): string {
  return numerals[index] ?? String(index + 1);
}
