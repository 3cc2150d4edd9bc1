import { describe, expect, it } from 'vitest';
import { splitPhrases } from '#src/render/split-phrases.ts';

const whole = (text: string) =>
  splitPhrases(text)
    .filter((s) => s.whole)
    .map((s) => s.text);

describe('headline phrases that must not break', () => {
  it('keeps the selection’s own words whole, in both scripts', () => {
    expect(whole('2026年度澄川市担当作为好单位、好干部评选')).toEqual([
      '2026年度',
      '担当作为',
      '好单位',
      '好干部',
      '评选',
    ]);
    expect(whole('關於2025年度澄川市擔當作為好單位、好幹部擬命名對象的公示')).toEqual([
      '2025年度',
      '擔當作為',
      '好單位',
      '好幹部',
      '擬命名對象',
      '的公示',
    ]);
  });

  it('loses no text and leaves other text breakable', () => {
    const text = '担当作为好干部候选对象 & <名单>';
    expect(
      splitPhrases(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
    expect(splitPhrases('澄川市')).toEqual([{ text: '澄川市', whole: false }]);
  });
});
