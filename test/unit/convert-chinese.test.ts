import { afterEach, describe, expect, it } from 'vitest';
import { setConversionTerms, toSimplified, toTraditional } from '#src/i18n/convert-chinese.ts';

describe('toTraditional', () => {
  it('converts interface text and content to Taiwan standard forms', () => {
    expect(toTraditional('候选对象')).toBe('候選對象');
    expect(toTraditional('选票')).toBe('選票');
    expect(toTraditional('柳塘县石桥镇党委书记')).toBe('柳塘縣石橋鎮黨委書記');
    expect(toTraditional('顾明澜')).toBe('顧明瀾');
  });

  it('gets the site’s own name right (好干部 is not 好乾部)', () => {
    expect(toTraditional('担当作为好单位、好干部评选')).toBe('擔當作為好單位、好幹部評選');
    expect(toTraditional('村干部和老干部')).toBe('村幹部和老幹部');
  });

  it('swaps no vocabulary: the same text is read in Hong Kong', () => {
    expect(toTraditional('信息')).toBe('信息');
    expect(toTraditional('网络')).toBe('網絡');
  });

  it('leaves Latin text, digits and private-use placeholders alone', () => {
    expect(toTraditional('K7QH-2M9X 1860人 \uE0000\uE001')).toBe('K7QH-2M9X 1860人 \uE0000\uE001');
    expect(toTraditional('')).toBe('');
  });

  it('answers a repeated text from its cache with the same result', () => {
    const first = toTraditional('汛期坚守圩堤二十余天');
    expect(toTraditional('汛期坚守圩堤二十余天')).toBe(first);
    expect(first).toBe('汛期堅守圩堤二十餘天');
  });
});

describe('toSimplified', () => {
  it('turns what a Traditional reader types into the Simplified source', () => {
    expect(toSimplified('顧明瀾')).toBe('顾明澜');
    expect(toSimplified('柳塘縣')).toBe('柳塘县');
  });

  it('leaves Simplified input as it is', () => {
    expect(toSimplified('顾明澜')).toBe('顾明澜');
  });
});

describe('staff corrections', () => {
  afterEach(() => setConversionTerms([]));

  it('replace the converted form of a term wherever it appears, and only that term', () => {
    const text = '李云龙在云岭县工作，天上白云';
    expect(toTraditional(text)).toBe('李雲龍在雲嶺縣工作，天上白雲');
    setConversionTerms([{ simplified: '李云龙', traditional: '李云龍' }]);
    expect(toTraditional(text)).toBe('李云龍在雲嶺縣工作，天上白雲');
    expect(toTraditional('擔當作為好干部')).toBe('擔當作為好幹部');
  });

  it('take effect again once removed, and a term already right changes nothing', () => {
    setConversionTerms([
      { simplified: '李云龙', traditional: '李云龍' },
      { simplified: '工作', traditional: '工作' },
    ]);
    expect(toTraditional('李云龙工作')).toBe('李云龍工作');
    setConversionTerms([]);
    expect(toTraditional('李云龙工作')).toBe('李雲龍工作');
  });
});

describe('one converter per process', () => {
  afterEach(() => setConversionTerms([]));

  it('puts a correction saved through one copy of the module into effect in another', async () => {
    // Production loads this module twice: once in Astro's page bundle, once for the API.
    const copy = '../../src/i18n/convert-chinese.ts?copy=pages';
    const pagesCopy = (await import(copy)) as typeof import('#src/i18n/convert-chinese.ts');
    expect(pagesCopy.toTraditional).not.toBe(toTraditional);
    expect(pagesCopy.toTraditional('李云龙')).toBe('李雲龍');
    setConversionTerms([{ simplified: '李云龙', traditional: '李云龍' }]);
    expect(pagesCopy.toTraditional('李云龙')).toBe('李云龍');
  });
});
