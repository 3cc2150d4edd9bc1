import { desc, eq, like } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, notice, track } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { localDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { addWorkingDays, defaultPublicityWorkingDays, isWorkingDay } from './add-working-days.ts';
import { buildNoticeEntries } from './build-notice-entries.ts';
import type { NoticeRow } from './build-notice-content.ts';
import { noticePageUrl } from './check-notice-readiness.ts';
import { noticeTimeZone } from './compute-notice-status.ts';
import {
  dateOfDayNumber,
  dayNumberOf,
  loadHolidayCalendar,
  type HolidayCalendar,
} from './load-holiday-calendar.ts';

export interface CreateNoticeDraftInput {
  campaignSlug: string;
  actorId: number | null;
  now: Date;
  /** The site's public address (PUBLIC_BASE_URL): the draft's web channel is its own page there. */
  siteUrl: string;
  /** The working-day calendar; read from db/calendar when not given. */
  calendar?: HolidayCalendar;
}

/**
 * Starts the campaign's notice as a draft with the customary wording filled in, so staff edit
 * rather than write from nothing: the serial and title in the usual pattern, a lead that names
 * the organiser, the decision and how many units and people, a period of 5 working days from
 * the next working day, the phone, post and visit channels of the previous notice (staff fill
 * them in when there is none), signed by the organiser the day before the period starts.
 *
 * The web channel is never copied: last year's address is last year's notice, whose report form
 * has closed. It is this notice's own page, where the report form opens with the period.
 *
 * One notice per campaign, with the slug `<campaign-slug>-1`.
 */
export async function createNoticeDraft(db: Db, input: CreateNoticeDraftInput): Promise<NoticeRow> {
  const calendar = input.calendar ?? loadHolidayCalendar();
  return db.transaction(async (tx) => {
    const c = await tx.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
    if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
    const existing = await tx.query.notice.findFirst({ where: eq(notice.campaignId, c.id) });
    if (existing) throw new DomainError('conflict', 'notice_exists', { slug: existing.slug });

    const today = localDay(input.now, noticeTimeZone);
    const periodStart = nextWorkingDay(today, calendar);
    const periodEnd = addWorkingDays(periodStart, defaultPublicityWorkingDays, calendar);
    const previous = await tx.query.notice.findFirst({ orderBy: desc(notice.id) });
    const year = Number(today.slice(0, 4));
    const serial = await nextSerial(tx, year, c.organiser, previous?.serial);
    const lead = await composeLead(tx, c);

    const slug = `${c.slug}-1`;
    const [row] = await tx
      .insert(notice)
      .values({
        campaignId: c.id,
        slug,
        serial,
        title: `关于${c.year}年度${titleCore(c.title, c.year)}拟命名对象的公示`,
        lead,
        status: 'draft',
        periodStart,
        periodEnd,
        workingDays: defaultPublicityWorkingDays,
        reportPhone: previous?.reportPhone ?? '',
        reportAddress: previous?.reportAddress ?? '',
        reportPostcode: previous?.reportPostcode ?? '',
        reportVisit: previous?.reportVisit ?? '',
        reportWeb: noticePageUrl(input.siteUrl, slug),
        reportRules: previous?.reportRules || defaultReportRules,
        signature: c.organiser,
        signedOn: dayBefore(periodStart),
        updatedAt: input.now,
      })
      .returning();
    await recordAuditEntry(tx, input, {
      action: 'notice.create',
      entityType: 'notice',
      entityId: row!.id,
      before: null,
      after: { campaign: c.slug, slug: row!.slug, serial, periodStart, periodEnd },
    });
    return row!;
  });
}

/** The rules every notice states; staff may reword them. */
const defaultReportRules =
  '反映问题应实事求是，内容具体（何人、何时、何事），以便调查核实；提倡实名反映，我们将严格保密并反馈核实情况；对捏造事实、诬告陷害的，将依纪依法严肃处理。';

/** The first working day after `today`. */
function nextWorkingDay(today: string, calendar: HolidayCalendar): string {
  let day = dayNumberOf(today)! + 1;
  while (!isWorkingDay(dateOfDayNumber(day), calendar)) day++;
  return dateOfDayNumber(day);
}

function dayBefore(date: string): string {
  return dateOfDayNumber(dayNumberOf(date)! - 1);
}

/** `2026年度澄川市担当作为好单位、好干部评选` → `澄川市担当作为好单位、好干部`. */
export function titleCore(title: string, year: number): string {
  return title
    .replace(new RegExp(`^${year}年度?`), '')
    .replace(/评选(活动)?$/, '')
    .trim();
}

/**
 * The next number in the pattern of the previous notice's serial (`澄组公〔2025〕1号` →
 * `澄组公〔2026〕N号`), N counting this year's notices; without a previous notice, the organiser's
 * customary short form (中共澄川市委组织部 → 澄组公).
 */
async function nextSerial(
  tx: Tx,
  year: number,
  organiser: string,
  previousSerial: string | undefined,
): Promise<string> {
  const pattern = previousSerial ? /^(.*?)〔\d{4}〕(第?)\d+号$/.exec(previousSerial) : null;
  const prefix = pattern?.[1] ?? `${shortOrganiser(organiser)}组公`;
  const ordinal = pattern?.[2] ?? '';
  const thisYear = await tx
    .select({ id: notice.id })
    .from(notice)
    .where(like(notice.serial, `%〔${year}〕%`));
  return `${prefix}〔${year}〕${ordinal}${thisYear.length + 1}号`;
}

export function shortOrganiser(organiser: string): string {
  const city = /^(?:中共)?(.+?)(?:市|县|区)委/.exec(organiser)?.[1];
  return city ? city.slice(0, 1) : '';
}

/** The lead: the basis, the decision per track ("6个单位为“…”、8名同志为“…”"), "现予以公示". */
async function composeLead(tx: Tx, c: typeof campaign.$inferSelect): Promise<string> {
  const entries = await buildNoticeEntries(tx, {
    campaignId: c.id,
    showPhotos: false,
    order: 'number',
  });
  const tracks = await tx.select().from(track).where(eq(track.campaignId, c.id));
  const decided = tracks
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((t) => {
      const n = entries.filter((e) => e.track === t.slug).length;
      if (n === 0) return '';
      return t.kind === 'unit' ? `${n}个单位为“${t.name}”` : `${n}名同志为“${t.name}”`;
    })
    .filter((s) => s !== '');
  const decision = decided.length > 0 ? decided.join('、') : '对象';
  return (
    `根据${c.organiser}关于开展${c.title}工作的部署，经推荐、初审入围、事迹展示和群众投票、` +
    `二次入围、常委会差额票决，拟命名以下${decision}，现予以公示。`
  );
}
