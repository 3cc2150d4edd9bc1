import { describe, expect, it } from 'vitest';
import { groupByTrack, groupNumeral } from '#src/render/document-groups.ts';

describe('groupByTrack', () => {
  it('groups the entries in the order they come, one group per run of a track', () => {
    const e = (track: string, name: string) => ({ track, trackName: `T ${track}`, name });
    const groups = groupByTrack([e('a', '1'), e('a', '2'), e('b', '3'), e('c', '4'), e('c', '5')]);
    expect(groups.map((g) => [g.track, g.trackName, g.entries.map((x) => x.name)])).toEqual([
      ['a', 'T a', ['1', '2']],
      ['b', 'T b', ['3']],
      ['c', 'T c', ['4', '5']],
    ]);
    expect(groupByTrack([])).toEqual([]);
  });

  it('numbers groups 一 to 十, then with digits', () => {
    expect([0, 1, 9, 10].map(groupNumeral)).toEqual(['一', '二', '十', '11']);
  });
});
