/**
 * The receipts of ballots cast on this device, kept in its browser (localStorage) and nowhere
 * else: the server never learns which receipts belong together. The ballot script adds one after
 * every counted ballot; track pages read them to say "voted today", the receipt page lists them.
 */

import { chinaTimeZone } from '../domain/china-time.ts';
import { publicMomentFormat } from '../i18n/moment-formats.ts';

export interface DeviceReceipt {
  code: string;
  campaign: string;
  campaignTitle: string;
  track: string;
  trackName: string;
  /** ISO instants, as the API answers them. */
  castAt: string;
  nextBallotAt: string;
  remainingToday: number;
  /** The picks' names as the ballot sheet showed them. */
  picks: string[];
}

const key = 'receipts:v1';
/** Enough for every ballot of a long campaign in two tracks; the oldest go first. */
const kept = 100;

const isReceipt = (r: unknown): r is DeviceReceipt => {
  const v = r as Partial<DeviceReceipt> | null;
  return (
    typeof v?.code === 'string' &&
    typeof v.campaign === 'string' &&
    typeof v.track === 'string' &&
    typeof v.castAt === 'string' &&
    typeof v.nextBallotAt === 'string' &&
    typeof v.remainingToday === 'number' &&
    Array.isArray(v.picks)
  );
};

/** Newest first. */
export function loadReceipts(): DeviceReceipt[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter(isReceipt) : [];
  } catch {
    return [];
  }
}

export function addReceipt(r: DeviceReceipt): void {
  try {
    const rest = loadReceipts().filter((x) => x.code !== r.code);
    localStorage.setItem(key, JSON.stringify([r, ...rest].slice(0, kept)));
  } catch {
    // Private mode or full storage: the sheet still shows the code for this page view.
  }
}

/**
 * The device's latest ballot in a track while its day lasts (before its next possible ballot),
 * or null: then nothing stands in the way of a ballot as far as this device knows.
 */
export function ballotOfToday(
  receipts: DeviceReceipt[],
  campaign: string,
  track: string,
  now: Date,
): DeviceReceipt | null {
  const latest = receipts.find((r) => r.campaign === campaign && r.track === track);
  return latest && new Date(latest.nextBallotAt) > now ? latest : null;
}

const dayOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: chinaTimeZone, dateStyle: 'short' }).format(d);

/**
 * When the next ballot is possible, in the page's language and China time: `{time}` of the
 * `tomorrow` template when it is tomorrow there, else `{when}` of `later` with the date.
 */
export function describeNextBallot(
  next: Date,
  now: Date,
  lang: string,
  templates: { tomorrow: string; later: string },
): string {
  const time = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    timeZone: chinaTimeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(next);
  const tomorrow = dayOf(new Date(now.getTime() + 86_400_000)) === dayOf(next);
  if (tomorrow) return templates.tomorrow.replace('{time}', time);
  return templates.later.replace('{when}', formatMoment(next, lang));
}

/** `2026年12月2日 18:00`, `2 December 2026 at 18:00`: as the server formats (moment-formats.ts). */
export function formatMoment(d: Date, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, publicMomentFormat).format(d);
}
