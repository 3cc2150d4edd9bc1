import type { Db } from '#src/db/client.ts';
import {
  addWorkingDays,
  defaultPublicityWorkingDays,
  isWorkingDay,
} from '#src/domain/notices/add-working-days.ts';
import { loadHolidayCalendar } from '#src/domain/notices/load-holiday-calendar.ts';
import {
  makeCampaign,
  makeCandidate,
  makePublishedNotice,
  makeTrack,
} from '../helpers/factories.ts';

/**
 * A publicity period running now, as staff may set it on any day of the year: from the last
 * working day before today, for the default five working days (so it never starts on a weekend).
 */
export function runningPeriod(today: string): { periodStart: string; periodEnd: string } {
  const calendar = loadHolidayCalendar();
  let periodStart = addDays(today, -1);
  while (!isWorkingDay(periodStart, calendar)) periodStart = addDays(periodStart, -1);
  return {
    periodStart,
    periodEnd: addWorkingDays(periodStart, defaultPublicityWorkingDays, calendar),
  };
}

/** `YYYY-MM-DD` plus whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/**
 * A notice of a test's own, since the demo's ran in January 2026: a campaign from the factories
 * at its publicity stage with two elected candidates, and revision 1 of a notice listing them
 * (its web channel this notice's own page), as publishNotice writes it.
 */
export async function publishTestNotice(
  db: Db,
  baseUrl: string,
  slug: string,
  periodStart: string,
  periodEnd: string,
) {
  const now = new Date();
  // An older year, so the demo's 2026 campaign stays the one the home page leads with.
  const campaign = await makeCampaign(db, now, { stage: 'publicity', year: 2017 });
  const track = await makeTrack(db, campaign.id);
  const people = [
    await makeCandidate(db, track, { status: 'elected', name: '沈砚秋' }),
    await makeCandidate(db, track, { status: 'elected', name: '陆知远' }),
  ];
  await makePublishedNotice(db, {
    campaignId: campaign.id,
    slug,
    publishedAt: now,
    fields: noticeFields(baseUrl, slug, {
      serial: '澄组公〔2026〕8号',
      title: '关于拟命名对象的公示（反映测试）',
      lead: '现予以公示。',
      periodStart,
      periodEnd,
      signedOn: periodStart,
    }),
    entries: people.map((c) =>
      personEntry(track, c, {
        organisation: '澄川市测试单位',
        currentPost: '澄川市测试单位负责人',
        summary: '测试摘要',
      }),
    ),
  });
  return { slug, campaign: campaign.slug, entryName: people[1]!.name, entryId: people[1]!.id };
}

/** A test notice's fields: what it says, and the city's usual report channels (its web channel the notice's own page). */
export function noticeFields(
  baseUrl: string,
  slug: string,
  own: {
    serial: string;
    title: string;
    lead: string;
    periodStart: string;
    periodEnd: string;
    signedOn: string;
  },
) {
  return {
    ...own,
    reportPhone: '0519-12380',
    reportAddress: '澄川市望潮区政通路1号',
    reportPostcode: '213399',
    reportVisit: '工作日 8:30—17:30',
    reportWeb: `${baseUrl}/notices/${slug}`,
    reportRules: '反映问题应实事求是。',
    signature: '中共澄川市委组织部',
  };
}

/** A notice's entry for a person candidate, with the particulars a notice lists. */
export function personEntry(
  track: { slug: string; name: string },
  person: { id: number; number: number; name: string },
  own: { organisation: string; currentPost: string; summary: string },
) {
  return {
    candidateId: person.id,
    kind: 'individual' as const,
    track: track.slug,
    trackName: track.name,
    number: person.number,
    name: person.name,
    organisation: own.organisation,
    sex: '男',
    ethnicity: '汉族',
    birth: '1980-01',
    nativePlace: '江苏澄川',
    politicalAffiliation: '中共党员',
    partyJoined: '2002-06',
    workStarted: '2002-07',
    education: '大学',
    degree: '学士',
    currentPost: own.currentPost,
    headName: null,
    headTitle: null,
    summary: own.summary,
    portraitId: null,
  };
}
