import type { CampaignStage } from '../schemas/enums.ts';
import { toTraditional } from './convert-chinese.ts';
import { en } from './dictionaries/en.ts';
import { zhCN, type UiDictionary } from './dictionaries/zh-cn.ts';
import type { Locale } from './locales.ts';
import { publicMomentFormat } from './moment-formats.ts';

export type { UiDictionary };

/** Opens and closes a slot for an argument while a function's text is converted. */
const slotOpen = '\uE000';
const slotClose = '\uE001';
const slotPattern = /\uE000(\d+)\uE001/g;

/**
 * A Traditional entry from a Simplified one. A function's text is converted with its string
 * arguments held out (private-use placeholders the converter leaves alone), so content that is
 * already Traditional is inserted as given, never converted twice.
 */
function traditionalEntry(entry: string | ((...args: never[]) => string)): unknown {
  if (typeof entry === 'string') return toTraditional(entry);
  return (...args: unknown[]) => {
    const held: string[] = [];
    const masked = args.map((a) =>
      typeof a === 'string' ? `${slotOpen}${held.push(a) - 1}${slotClose}` : a,
    );
    const text = toTraditional((entry as (...a: unknown[]) => string)(...masked));
    return text.replace(slotPattern, (_, i: string) => held[Number(i)] ?? '');
  };
}

let zhTW: UiDictionary | undefined;

/** Built on the first Traditional request, then kept: conversion is the costly part. */
function traditionalDictionary(): UiDictionary {
  zhTW ??= Object.fromEntries(
    Object.entries(zhCN).map(([key, entry]) => [key, traditionalEntry(entry)]),
  ) as unknown as UiDictionary;
  return zhTW;
}

/** The interface text of a language. */
export function uiFor(locale: Locale): UiDictionary {
  switch (locale) {
    case 'zh-CN':
      return zhCN;
    case 'zh-TW':
      return traditionalDictionary();
    case 'en':
      return en;
  }
}

export function stageName(t: UiDictionary, stage: CampaignStage): string {
  return t[`stage.${stage}`];
}

const intlLocale: Record<Locale, string> = {
  'zh-CN': 'zh-CN',
  'zh-TW': 'zh-TW',
  // Day before month and a 24-hour clock: unambiguous for readers anywhere.
  en: 'en-GB',
};

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** `2026年12月2日 18:00`, `2 December 2026 at 18:00`: always China time, always 24 hours. */
export function formatDateTime(d: Date, locale: Locale): string {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], publicMomentFormat);
    dateTimeFormats.set(locale, format);
  }
  return format.format(d);
}

/**
 * `2026-11-17` → `11月17日` or `17 November`, with the year when it differs from `yearOf`: the
 * same day and month as formatDateTime writes them, so a language has one date format.
 */
export function formatDay(iso: string, locale: Locale, yearOf?: number): string {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  if (locale === 'en') {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: y === yearOf ? undefined : 'numeric',
    }).format(new Date(Date.UTC(y, m - 1, d)));
  }
  return y === yearOf ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** `1978-03` → `1978.03`, the notice style, in every language. */
export function formatMonth(ym: string | null): string {
  return ym ? ym.replace('-', '.') : '';
}

/**
 * A public candidate's progress in the words of the notice for the campaign's stage: elected
 * ones are 拟命名 (proposed) until the selection concludes with the naming decision, then
 * 已命名, or 暂缓命名 when the outcome of the publicity suspended the naming. Empty for a
 * candidate still simply shortlisted.
 */
export function candidateStatusLabel(
  t: UiDictionary,
  status: string,
  stage: CampaignStage,
  suspended = false,
): string {
  switch (status) {
    case 'elected':
      if (suspended) return t['status.suspended'];
      return stage === 'concluded' ? t['status.named'] : t['status.elected'];
    case 'not_elected':
      return t['status.not_elected'];
    case 'second_shortlist':
      return t['status.second_shortlist'];
    default:
      return '';
  }
}
