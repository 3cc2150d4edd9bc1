/**
 * Phrases of this site's headlines that must not break across lines. Chinese text may break
 * between any two characters, so a narrow screen cut 担当作为好单/位 and 好干/部评选, and left
 * 的公示 as an orphan. Headlines keep these phrases whole (and balance their lines in CSS); a
 * browser's own phrase breaking (`word-break: auto-phrase`) knows only Japanese.
 *
 * The list holds the site's own vocabulary in both scripts: content is converted to Traditional
 * before it is rendered. A year (`2026年度`) is one phrase too.
 */
const phrases = [
  '担当作为',
  '擔當作為',
  '好单位',
  '好單位',
  '好干部',
  '好幹部',
  '评选',
  '評選',
  '候选对象',
  '候選對象',
  '拟命名对象',
  '擬命名對象',
  '的公示',
  '公示',
  '任前',
];

const pattern = new RegExp(`\\d{4}年度?|${phrases.join('|')}`, 'g');

export interface Segment {
  text: string;
  /** True for a phrase that must stay on one line. */
  whole: boolean;
}

/** The text cut into runs, the phrases that must stay whole marked as such. */
export function splitPhrases(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), whole: false });
    out.push({ text: m[0], whole: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), whole: false });
  return out;
}
