import { describe, expect, it } from 'vitest';
import { en } from '#src/i18n/dictionaries/en.ts';
import { zhCN } from '#src/i18n/dictionaries/zh-cn.ts';
import { contentLang, localizeCandidate, localizeText } from '#src/i18n/localize-content.ts';
import { locales } from '#src/i18n/locales.ts';
import {
  candidateStatusLabel,
  formatDateTime,
  formatDay,
  formatMonth,
  uiFor,
  type UiDictionary,
} from '#src/i18n/ui.ts';

// A dictionary without every key does not compile (checked by `tsc --noEmit`).
// @ts-expect-error 'site.skip' and the rest are missing
const incomplete: UiDictionary = { 'site.name': 'x' };
void incomplete;

describe('interface dictionaries', () => {
  it.each(locales)('%s has exactly the source’s keys, each of the same kind', (locale) => {
    const t = uiFor(locale);
    expect(Object.keys(t).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, entry] of Object.entries(zhCN)) {
      expect(typeof t[key as keyof UiDictionary], key).toBe(typeof entry);
    }
  });

  it('has no empty English text', () => {
    for (const [key, entry] of Object.entries(en)) {
      if (typeof entry === 'string' && key !== 'punct.sentenceGap') expect(entry, key).not.toBe('');
    }
  });

  it('converts Traditional text from the Simplified source, once per process', () => {
    const t = uiFor('zh-TW');
    expect(t['site.name']).toBe('擔當作為好單位、好幹部評選');
    expect(t['ballot.review']).toBe('核對並投票');
    expect(t['ballot.counter'](3, 20)).toBe('已選 3 / 20');
    expect(uiFor('zh-TW')).toBe(t);
  });

  it('inserts content into Traditional text as given, never converting it twice', () => {
    const t = uiFor('zh-TW');
    // Simplified on purpose: were the argument converted, 干部 would become 幹部.
    expect(t['list.title']('干部')).toBe('干部候選對象');
    expect(t['profile.previous']('$1 \uE0000\uE001')).toBe('上一位：$1 \uE0000\uE001');
    expect(t['field.headWithTitle']('沈砚秋', '局长')).toBe('沈砚秋（局长）');
  });

  it('keeps the Simplified source as it is', () => {
    expect(uiFor('zh-CN')).toBe(zhCN);
    expect(uiFor('zh-CN')['list.number'](7)).toBe('07号');
    expect(uiFor('en')['list.number'](7)).toBe('No. 07');
  });
});

describe('dates per language, always in China time', () => {
  const close = new Date('2026-12-02T10:00:00Z');

  it('formats a moment', () => {
    expect(formatDateTime(close, 'zh-CN')).toBe('2026年12月2日 18:00');
    expect(formatDateTime(close, 'zh-TW')).toBe('2026年12月2日 18:00');
    expect(formatDateTime(close, 'en')).toBe('2 December 2026 at 18:00');
  });

  it('formats a day, with the year only when it differs', () => {
    expect(formatDay('2026-11-17', 'zh-CN', 2026)).toBe('11月17日');
    expect(formatDay('2025-11-17', 'zh-TW', 2026)).toBe('2025年11月17日');
    expect(formatDay('2026-11-17', 'en', 2026)).toBe('17 November');
    expect(formatDay('2025-11-17', 'en', 2026)).toBe('17 November 2025');
  });

  it('writes months the notice way in every language', () => {
    expect(formatMonth('1978-03')).toBe('1978.03');
    expect(formatMonth(null)).toBe('');
  });
});

describe('content', () => {
  const row = { id: 1, name: '顾明澜', summary: '提前转移群众', district: '柳塘县', cv: null };

  it('is converted for Traditional readers, field by field', () => {
    expect(localizeCandidate(row, 'zh-TW')).toEqual({
      id: 1,
      name: '顧明瀾',
      summary: '提前轉移群眾',
      district: '柳塘縣',
      cv: null,
    });
    expect(localizeCandidate(row, 'zh-TW', ['name']).district).toBe('柳塘县');
    expect(localizeText('选票', 'zh-TW')).toBe('選票');
  });

  it('stays in the Simplified source for Simplified and English readers', () => {
    expect(localizeCandidate(row, 'zh-CN')).toBe(row);
    expect(localizeCandidate(row, 'en')).toBe(row);
  });

  it('is marked as Chinese only on English pages', () => {
    expect(contentLang('en')).toBe('zh-CN');
    expect(contentLang('zh-CN')).toBeUndefined();
    expect(contentLang('zh-TW')).toBeUndefined();
  });
});

describe('a candidate’s progress in the notice’s words', () => {
  it('says 拟命名 until the selection concludes, then 已命名', () => {
    const zh = uiFor('zh-CN');
    expect(candidateStatusLabel(zh, 'elected', 'publicity')).toBe('拟命名');
    expect(candidateStatusLabel(zh, 'elected', 'committee_vote')).toBe('拟命名');
    expect(candidateStatusLabel(zh, 'elected', 'concluded')).toBe('已命名');
    expect(candidateStatusLabel(zh, 'not_elected', 'publicity')).toBe('未列入拟命名');
    expect(candidateStatusLabel(zh, 'shortlisted', 'publicity')).toBe('');
    expect(candidateStatusLabel(uiFor('en'), 'elected', 'publicity')).toBe(
      'Proposed for the honour',
    );
    expect(candidateStatusLabel(uiFor('zh-TW'), 'elected', 'concluded')).toBe('已命名');
  });
});
