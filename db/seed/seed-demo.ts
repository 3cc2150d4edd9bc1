import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import {
  auditLog,
  ballot,
  ballotPick,
  campaign,
  campaignStageDate,
  candidate,
  committeeRule,
  committeeSession,
  committeeTally,
  notice,
  noticeRevision,
  report,
  reportHandling,
  staffUser,
  tally,
  track,
} from '#src/db/schema/index.ts';
import { newReceiptCode } from '#src/domain/ballots/receipt-code.ts';
import { buildNoticeContent } from '#src/domain/notices/build-notice-content.ts';
import { buildNoticeEntries } from '#src/domain/notices/build-notice-entries.ts';
import { insertImageCopies } from '#src/domain/media/insert-image-copies.ts';
import { prepareImageCopies, type PreparedImage } from '#src/domain/media/prepare-image-copies.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import { addWorkingDays, isWorkingDay } from '#src/domain/notices/add-working-days.ts';
import {
  dateOfDayNumber,
  dayNumberOf,
  loadHolidayCalendar,
} from '#src/domain/notices/load-holiday-calendar.ts';
import { makeReportReference } from '#src/domain/reports/make-report-reference.ts';
import { certifyDemoVote, certifyDemoVote2025 } from './seed-demo-certificate.ts';
import { seedPaperBallots2025 } from './seed-demo-paper.ts';
import { individuals2025, units2025 } from './data/campaign-2025.ts';
import { seedConclusion2025 } from './seed-conclusion-2025.ts';
import { floodUnits2026 } from './data/flood-2026.ts';
import { individuals2026 } from './data/individuals-2026.ts';
import { units2026 } from './data/units-2026.ts';
import { drawPersonPortrait, drawUnitEmblem } from './draw-portrait.ts';
import { demoDistricts, demoSectors, type DemoIndividual, type DemoUnit } from './types.ts';
import { chinaDay } from '#src/domain/china-time.ts';

const day = 24 * 3600 * 1000;
const organiser = '中共澄川市委组织部';

/**
 * Loads the fictional demo: the 2026 selection in its public vote (open from a few days ago for
 * another ten days, whenever the demo is started) and the finished 2025 selection with its
 * published notice, the outcome of its publicity and its naming decision. Everything in it is invented. `siteUrl` is the site's public address
 * (PUBLIC_BASE_URL): the notice names its own page there as the channel for reports on the web.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  siteUrl = 'http://localhost:4321',
): Promise<void> {
  const portraits = await renderPortraits();
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const recorder = await seedDemoRecorder(t, now);
    await seedCampaign2026(t, now, portraits);
    await seedCampaign2025(t, portraits, new URL('/notices/2025-1', siteUrl).href, recorder);
    await seedConclusion2025(t);
    await seedFloodCampaign(t, now, portraits, siteUrl, recorder);
    await tx.insert(auditLog).values({
      at: now,
      actorId: null,
      action: 'demo.seed',
      entityType: 'database',
      entityId: 'demo',
      after: { campaigns: ['2026', '2025', '2026-flood'] },
    });
  });
}

/** Encoded demo portraits by the SVG they were drawn as. */
type Portraits = Map<string, PreparedImage>;

const personSvg = (p: DemoIndividual) => drawPersonPortrait(p.name, p.sex);
/**
 * A unit's emblem, its name drawn in outlines from the seed's own font: the same image on every
 * machine, and never boxes of missing glyphs (a name the font lacks gets a seal instead).
 */
const unitSvg = (u: DemoUnit) => drawUnitEmblem(u.name, unitShortName(u.name));

function encodePortrait(svg: string): Promise<PreparedImage> {
  return prepareImageCopies(Buffer.from(svg, 'utf8'), {
    purpose: 'portrait',
    trustedSvg: true,
    avifEffort: 0,
    maxWidth: 320,
  });
}

/**
 * Demo portraits are drawn as SVG and then go through the upload pipeline, so the demo serves
 * the same 3:4 WebP and AVIF copies as real photos. Only the seed may pass SVG in (it drew it);
 * AVIF at low effort and copies up to 320 px keep a first start quick on small machines (about
 * 5 s for all of them on 2 cores). They are encoded before the seed's transaction opens, so the
 * write lock is not held while images are encoded.
 */
async function renderPortraits(): Promise<Portraits> {
  const svgs = [
    ...[...individuals2026, ...individuals2025].map(personSvg),
    ...[...units2026, ...units2025, ...floodUnits2026].map(unitSvg),
  ];
  const portraits: Portraits = new Map();
  for (const svg of svgs) if (!portraits.has(svg)) portraits.set(svg, await encodePortrait(svg));
  return portraits;
}

async function storePortrait(
  db: Db,
  portraits: Portraits,
  svg: string,
  alt: string,
): Promise<string> {
  const image = portraits.get(svg) ?? (await encodePortrait(svg));
  await insertImageCopies(db, image, alt);
  return image.mainId;
}

export function unitShortName(name: string): string {
  return name
    .replace(/^澄川市/, '')
    .replace(/^(望潮区|鹭洲区|青桥区|柳塘县|云岭县|澄川高新区|高新区)/, '')
    .replace(/^澄川/, '');
}

async function insertIndividuals(
  db: Db,
  portraits: Portraits,
  campaignId: number,
  trackId: number,
  people: DemoIndividual[],
  status: (index: number) => typeof candidate.$inferInsert.status,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, p] of people.entries()) {
    const portraitId = await storePortrait(db, portraits, personSvg(p), `${p.name}（示意头像）`);
    const [row] = await db
      .insert(candidate)
      .values({
        campaignId,
        trackId,
        number: i + 1,
        status: status(i),
        name: p.name,
        organisation: p.organisation,
        district: p.district,
        sector: p.sector,
        sex: p.sex,
        ethnicity: p.ethnicity,
        birth: p.birth,
        nativePlace: p.nativePlace,
        politicalAffiliation: p.politicalAffiliation,
        partyJoined: p.partyJoined ?? null,
        workStarted: p.workStarted,
        education: p.education,
        degree: p.degree,
        currentPost: p.currentPost,
        cv: p.cv.join('\n'),
        summary: p.summary,
        deeds: p.deeds.trim(),
        portraitId,
      })
      .returning({ id: candidate.id });
    ids.push(row!.id);
  }
  return ids;
}

async function insertUnits(
  db: Db,
  portraits: Portraits,
  campaignId: number,
  trackId: number,
  units: DemoUnit[],
  status: (index: number) => typeof candidate.$inferInsert.status,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, u] of units.entries()) {
    const portraitId = await storePortrait(db, portraits, unitSvg(u), `${u.name}标识（示意）`);
    const [row] = await db
      .insert(candidate)
      .values({
        campaignId,
        trackId,
        number: i + 1,
        status: status(i),
        name: u.name,
        organisation: '',
        district: u.district,
        sector: u.sector,
        headName: u.headName,
        headTitle: u.headTitle,
        summary: u.summary,
        deeds: u.deeds.trim(),
        portraitId,
      })
      .returning({ id: candidate.id });
    ids.push(row!.id);
  }
  return ids;
}

function isoDate(d: Date): string {
  return chinaDay(d);
}

async function seedCampaign2026(db: Db, now: Date, portraits: Portraits): Promise<void> {
  const opens = new Date(
    Date.parse(`${isoDate(new Date(now.getTime() - 5 * day))}T09:00:00+08:00`),
  );
  const closes = new Date(
    Date.parse(`${isoDate(new Date(now.getTime() + 10 * day))}T18:00:00+08:00`),
  );
  const [c] = await db
    .insert(campaign)
    .values({
      slug: '2026',
      year: 2026,
      title: '2026年度澄川市担当作为好单位、好干部评选',
      titleEn: 'Chengchuan 2026: units and cadres who take responsibility and act',
      organiser,
      intro: [
        '为激励全市广大党员干部新时代新担当新作为，树立重实干、重实绩的鲜明导向，市委决定开展2026年度“担当作为好单位、好干部”评选活动。',
        '',
        '评选坚持差额产生：各地各单位推荐、市委组织部会同有关方面初审入围后，候选对象的先进事迹在本网站公开展示，接受群众投票和监督。群众投票结果是二次入围的重要参考，最终人选由市委常委会差额票决产生，并在任前公示后命名表彰。',
      ].join('\n'),
      stage: 'public_vote',
      countsVisibility: 'after_close',
      districts: [...demoDistricts],
      sectors: [...demoSectors],
      voteOpensAt: opens,
      voteClosesAt: closes,
    })
    .returning({ id: campaign.id });
  const campaignId = c!.id;
  const at = (offsetDays: number) => isoDate(new Date(now.getTime() + offsetDays * day));
  const timeline: [CampaignStage, string, string][] = [
    ['nomination', at(-40), at(-26)],
    ['review', at(-25), at(-6)],
    ['public_vote', isoDate(opens), isoDate(closes)],
    ['second_shortlist', at(11), at(17)],
    ['committee_vote', at(18), at(24)],
    ['publicity', at(25), at(31)],
    ['concluded', at(32), at(32)],
  ];
  await db
    .insert(campaignStageDate)
    .values(timeline.map(([stage, startsOn, endsOn]) => ({ campaignId, stage, startsOn, endsOn })));

  const [cadres, units] = await db
    .insert(track)
    .values([
      {
        campaignId,
        slug: 'cadres',
        kind: 'individual',
        name: '担当作为好干部',
        description: '在推动高质量发展、破解急难愁盼问题中敢于担当、实绩突出的干部。',
        nameEn: 'Cadres who take responsibility and act',
        descriptionEn:
          'Cadres who took on hard tasks with outstanding results in development and in the problems that weigh on residents most.',
        quota: 20,
        maxPicks: 20,
        minPicks: 1,
        position: 1,
      },
      {
        campaignId,
        slug: 'units',
        kind: 'unit',
        name: '担当作为好单位',
        description: '在重大任务、重点工作和服务群众中攻坚克难、成效显著的单位。',
        nameEn: 'Units that take responsibility and act',
        descriptionEn:
          'Units that overcame hard problems with marked results in major tasks, key work and service to residents.',
        quota: 12,
        maxPicks: 12,
        minPicks: 1,
        position: 2,
      },
    ])
    .returning({ id: track.id });
  // Three nominations did not pass the initial review; they must never appear in public.
  const cadreIds = await insertIndividuals(
    db,
    portraits,
    campaignId,
    cadres!.id,
    individuals2026,
    (i) => (i >= individuals2026.length - 2 ? 'nominated' : 'shortlisted'),
  );
  const unitIds = await insertUnits(db, portraits, campaignId, units!.id, units2026, (i) =>
    i === units2026.length - 1 ? 'nominated' : 'shortlisted',
  );
  await seedBallots(db, {
    campaignId,
    trackId: cadres!.id,
    candidateIds: cadreIds.slice(0, -2),
    ballots: 420,
    maxPicks: 8,
    from: opens,
    to: now,
    seed: 'cadres-2026',
  });
  await seedBallots(db, {
    campaignId,
    trackId: units!.id,
    candidateIds: unitIds.slice(0, -1),
    ballots: 360,
    maxPicks: 6,
    from: opens,
    to: now,
    seed: 'units-2026',
  });
}

async function seedCampaign2025(
  db: Db,
  portraits: Portraits,
  reportWeb: string,
  recorder: number,
): Promise<void> {
  const opens = new Date('2025-11-24T09:00:00+08:00');
  const closes = new Date('2025-12-05T18:00:00+08:00');
  const [c] = await db
    .insert(campaign)
    .values({
      slug: '2025',
      year: 2025,
      title: '2025年度澄川市担当作为好单位、好干部评选',
      titleEn: 'Chengchuan 2025: units and cadres who take responsibility and act',
      organiser,
      intro:
        '2025年度评选经推荐、初审入围、事迹展示和群众投票、二次入围、市委常委会差额票决和任前公示，已完成命名表彰。',
      stage: 'concluded',
      countsVisibility: 'after_close',
      districts: [...demoDistricts],
      sectors: [...demoSectors],
      voteOpensAt: opens,
      voteClosesAt: closes,
    })
    .returning({ id: campaign.id });
  const campaignId = c!.id;
  const timeline: [CampaignStage, string, string][] = [
    ['nomination', '2025-10-09', '2025-10-24'],
    ['review', '2025-10-27', '2025-11-21'],
    ['public_vote', '2025-11-24', '2025-12-05'],
    ['second_shortlist', '2025-12-08', '2025-12-12'],
    ['committee_vote', '2025-12-15', '2025-12-31'],
    ['publicity', '2026-01-12', '2026-01-16'],
    ['concluded', '2026-01-23', '2026-01-23'],
  ];
  await db
    .insert(campaignStageDate)
    .values(timeline.map(([stage, startsOn, endsOn]) => ({ campaignId, stage, startsOn, endsOn })));
  const [cadres, units] = await db
    .insert(track)
    .values([
      {
        campaignId,
        slug: 'cadres',
        kind: 'individual',
        name: '担当作为好干部',
        nameEn: 'Cadres who take responsibility and act',
        quota: 8,
        maxPicks: 8,
        position: 1,
        paperChannel: true,
        onsiteChannel: true,
      },
      {
        campaignId,
        slug: 'units',
        kind: 'unit',
        name: '担当作为好单位',
        nameEn: 'Units that take responsibility and act',
        quota: 6,
        maxPicks: 6,
        position: 2,
        paperChannel: true,
        onsiteChannel: true,
      },
    ])
    .returning({ id: track.id });
  const electedCadres = 8;
  const electedUnits = 6;
  const cadreIds = await insertIndividuals(
    db,
    portraits,
    campaignId,
    cadres!.id,
    individuals2025,
    (i) => (i < electedCadres ? 'elected' : 'not_elected'),
  );
  const unitIds = await insertUnits(db, portraits, campaignId, units!.id, units2025, (i) =>
    i < electedUnits ? 'elected' : 'not_elected',
  );
  await seedBallots(db, {
    campaignId,
    trackId: cadres!.id,
    candidateIds: cadreIds,
    ballots: 900,
    maxPicks: 8,
    from: opens,
    to: closes,
    seed: 'cadres-2025',
  });
  // The committee's sitting of 23 December 2025, recorded and confirmed: its tallies agree with
  // who was elected, so the committee page and the notice tell the same story.
  await db.insert(committeeRule).values({ campaignId, membersDue: 13 });
  await seedCommitteeSitting(db, {
    campaignId,
    trackId: cadres!.id,
    candidateIds: cadreIds,
    elected: electedCadres,
    heldOn: '2025-12-23',
    recorder,
  });
  await seedCommitteeSitting(db, {
    campaignId,
    trackId: units!.id,
    candidateIds: unitIds,
    elected: electedUnits,
    heldOn: '2025-12-23',
    recorder,
  });
  await seedBallots(db, {
    campaignId,
    trackId: units!.id,
    candidateIds: unitIds,
    ballots: 700,
    maxPicks: 6,
    from: opens,
    to: closes,
    seed: 'units-2025',
  });
  await seedPaperBallots2025(db, {
    recorder,
    tracks: [
      {
        slug: 'cadres',
        candidateIds: cadreIds,
        maxPicks: 8,
        returned: 120,
        boothCast: 64,
        boothInvalid: 2,
      },
      {
        slug: 'units',
        candidateIds: unitIds,
        maxPicks: 6,
        returned: 80,
        boothCast: 41,
        boothInvalid: 1,
      },
    ],
  });
  await certifyDemoVote2025(db, {
    campaignId,
    cadresTrackId: cadres!.id,
    unitsTrackId: units!.id,
    cadreIds,
    unitIds,
  });
  await publishDemoNotice(db, campaignId, {
    slug: '2025-1',
    serial: '澄组公〔2026〕1号',
    title: '关于2025年度澄川市担当作为好单位、好干部拟命名对象的公示',
    lead: '根据《党政领导干部选拔任用工作条例》和《澄川市担当作为好单位、好干部评选办法》，经推荐、初审入围、事迹展示和群众投票、二次入围、市委常委会差额票决，拟命名以下6个单位为“担当作为好单位”、8名同志为“担当作为好干部”，现予以公示。',
    periodStart: '2026-01-12',
    periodEnd: '2026-01-16',
    reportWeb,
    signedOn: '2026-01-11',
    publishedAt: new Date('2026-01-12T08:00:00+08:00'),
  });
}

interface BallotPlan {
  campaignId: number;
  trackId: number;
  candidateIds: number[];
  ballots: number;
  maxPicks: number;
  from: Date;
  to: Date;
  seed: string;
}

/** A fictional device's age at its ballot, from its number: no draw from the ballots' sequence. */
function deviceAgeMs(seed: string, b: number): number {
  const x = createHash('sha256').update(`${seed}:age:${b}`).digest().readUInt32LE(0) / 4294967296;
  return x < 0.05 ? 60_000 + x * 100 * 60_000 : 86_400_000 * (1 + x * 40);
}

/**
 * Demo ballots with a plausible spread: some candidates are more popular than others. Each comes
 * from its own fictional device; tallies are computed from the picks, as the app would.
 */
async function seedBallots(db: Db, plan: BallotPlan): Promise<void> {
  let s = createHash('sha256').update(plan.seed).digest().readUInt32LE(0);
  const rand = () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    return s / 4294967296;
  };
  const weights = plan.candidateIds.map(() => 0.3 + rand() * 1.7);
  const span = Math.max(plan.to.getTime() - plan.from.getTime(), 3600_000);
  const counts = new Map<number, number>();
  const addressSeq = new Map<string, number>();
  const rows: (typeof ballot.$inferInsert)[] = [];
  const picks: { index: number; candidateId: number }[] = [];
  for (let b = 0; b < plan.ballots; b++) {
    const castAt = new Date(plan.from.getTime() + Math.floor(rand() * span));
    const d = chinaDay(castAt);
    const address = Math.floor(rand() * 260);
    const addressHash = createHash('sha256')
      .update(`${plan.seed}:addr:${address}`)
      .digest('base64url');
    // Addresses four to a network (an IPv4 /24), as homes and offices of one carrier's block
    // are: the monitor then shows a city's spread, not one empty network holding every ballot.
    const networkHash = createHash('sha256')
      .update(`${plan.seed}:net:${Math.floor(address / 4)}`)
      .digest('base64url');
    const key = `${addressHash}|${d}`;
    const seq = (addressSeq.get(key) ?? 0) + 1;
    if (seq > 50) continue;
    addressSeq.set(key, seq);
    rows.push({
      receipt: newReceiptCode(),
      campaignId: plan.campaignId,
      trackId: plan.trackId,
      deviceHash: createHash('sha256').update(`${plan.seed}:device:${b}`).digest('base64url'),
      addressHash,
      hostHash: addressHash,
      networkHash,
      // Devices days to weeks old, one in twenty minutes old (a voter opening the link anew).
      deviceIssuedAt: new Date(castAt.getTime() - deviceAgeMs(plan.seed, b)),
      day: d,
      deviceSeq: 1,
      addressSeq: seq,
      castAt,
    });
    const n = 1 + Math.floor(rand() * plan.maxPicks);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(n, plan.candidateIds.length)) {
      let x = rand() * weights.reduce((a, w) => a + w, 0);
      let i = 0;
      while (x > weights[i]! && i < weights.length - 1) x -= weights[i++]!;
      chosen.add(plan.candidateIds[i]!);
    }
    for (const candidateId of chosen) {
      picks.push({ index: rows.length - 1, candidateId });
      counts.set(candidateId, (counts.get(candidateId) ?? 0) + 1);
    }
  }
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await db
      .insert(ballot)
      .values(rows.slice(i, i + 200))
      .returning({ id: ballot.id });
    ids.push(...inserted.map((r) => r.id));
  }
  const pickRows = picks.map((p) => ({ ballotId: ids[p.index]!, candidateId: p.candidateId }));
  for (let i = 0; i < pickRows.length; i += 400) {
    await db.insert(ballotPick).values(pickRows.slice(i, i + 400));
  }
  const tallies = plan.candidateIds.map((candidateId) => ({
    candidateId,
    votes: counts.get(candidateId) ?? 0,
  }));
  await db
    .insert(tally)
    .values(tallies)
    .onConflictDoUpdate({ target: tally.candidateId, set: { votes: sql`excluded.votes` } });
}

/**
 * The account the demo's committee records name as their recorder (a sitting must name one).
 * It is disabled and has no usable password: nobody can log in as it.
 */
async function seedDemoRecorder(db: Db, now: Date): Promise<number> {
  const [row] = await db
    .insert(staffUser)
    .values({
      email: 'demo-recorder@example.invalid',
      displayName: '演示数据录入（已停用）',
      role: 'editor',
      passwordHash: 'disabled',
      disabledAt: now,
      createdAt: now,
    })
    .returning({ id: staffUser.id });
  return row!.id;
}

/**
 * One confirmed committee sitting on a track: 13 members due, 12 present; the first `elected`
 * candidates got 9 to 12 votes in favour (more than half of the 13 due), the others 3 to 6.
 */
async function seedCommitteeSitting(
  db: Db,
  input: {
    campaignId: number;
    trackId: number;
    candidateIds: number[];
    elected: number;
    heldOn: string;
    recorder: number;
  },
): Promise<void> {
  const recordedAt = new Date(`${input.heldOn}T17:00:00+08:00`);
  const [session] = await db
    .insert(committeeSession)
    .values({
      campaignId: input.campaignId,
      trackId: input.trackId,
      round: 1,
      membersDue: 13,
      membersPresent: 12,
      heldOn: input.heldOn,
      recordedBy: input.recorder,
      recordedAt,
    })
    .returning({ id: committeeSession.id });
  await db.insert(committeeTally).values(
    input.candidateIds.map((candidateId, i) => {
      const votesFor = i < input.elected ? 12 - (i % 4) : 6 - (i % 4);
      const abstentions = i % 2;
      return {
        sessionId: session!.id,
        candidateId,
        votesFor,
        votesAgainst: 12 - votesFor - abstentions,
        abstentions,
      };
    }),
  );
  // Confirmed once its tallies are in: a confirmed sitting takes no more rows (triggers).
  await db
    .update(committeeSession)
    .set({ status: 'confirmed', confirmedBy: input.recorder, confirmedAt: recordedAt })
    .where(sql`${committeeSession.id} = ${session!.id}`);
}

/**
 * The period of a notice running today: started two working days ago, five working days long.
 * Counted with the holiday calendar; on a day it does not cover yet, Monday to Friday.
 */
function runningPeriod(today: string): { start: string; end: string; signedOn: string } {
  let calendar: ReturnType<typeof loadHolidayCalendar> | null = loadHolidayCalendar();
  const working = (d: string) => {
    if (calendar) {
      try {
        return isWorkingDay(d, calendar);
      } catch {
        calendar = null;
      }
    }
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  let n = dayNumberOf(today)!;
  let back = 0;
  while (back < 2) {
    n--;
    if (working(dateOfDayNumber(n))) back++;
  }
  const start = dateOfDayNumber(n);
  let end: string;
  try {
    if (!calendar) throw new Error('no calendar');
    end = addWorkingDays(start, 5, calendar);
  } catch {
    let m = n;
    let counted = 0;
    for (; ; m++) if (working(dateOfDayNumber(m)) && ++counted === 5) break;
    end = dateOfDayNumber(m);
  }
  return { start, end, signedOn: dateOfDayNumber(n - 1) };
}

/**
 * A special selection of 2026 (units in the flood and typhoon season) whose notice is in its
 * publicity period now, whenever the demo is started, with a few fictional reports waiting for
 * the supervisor: the report form and the supervisor's inbox can be tried.
 */
async function seedFloodCampaign(
  db: Db,
  now: Date,
  portraits: Portraits,
  siteUrl: string,
  recorder: number,
): Promise<void> {
  const opens = new Date(
    Date.parse(`${isoDate(new Date(now.getTime() - 40 * day))}T09:00:00+08:00`),
  );
  const closes = new Date(
    Date.parse(`${isoDate(new Date(now.getTime() - 33 * day))}T18:00:00+08:00`),
  );
  const [c] = await db
    .insert(campaign)
    .values({
      slug: '2026-flood',
      year: 2026,
      title: '2026年度澄川市防汛抗台担当作为先进集体评选',
      organiser,
      intro:
        '为表彰在2026年主汛期和台风“青鸾”防御中敢于担当、迎难而上的集体，市委组织部开展本次专项评选。经推荐、初审入围、事迹展示和群众投票、二次入围、市委常委会差额票决，拟命名对象正在公示。',
      stage: 'publicity',
      countsVisibility: 'after_close',
      districts: [...demoDistricts],
      sectors: [...demoSectors],
      voteOpensAt: opens,
      voteClosesAt: closes,
    })
    .returning({ id: campaign.id });
  const campaignId = c!.id;
  const today = isoDate(now);
  const period = runningPeriod(today);
  const at = (offsetDays: number) => isoDate(new Date(now.getTime() + offsetDays * day));
  const timeline: [CampaignStage, string, string][] = [
    ['nomination', at(-60), at(-50)],
    ['review', at(-49), at(-41)],
    ['public_vote', isoDate(opens), isoDate(closes)],
    ['second_shortlist', at(-31), at(-25)],
    ['committee_vote', at(-24), at(-10)],
    ['publicity', period.start, period.end],
  ];
  await db
    .insert(campaignStageDate)
    .values(timeline.map(([stage, startsOn, endsOn]) => ({ campaignId, stage, startsOn, endsOn })));
  const [units] = await db
    .insert(track)
    .values({
      campaignId,
      slug: 'units',
      kind: 'unit',
      name: '防汛抗台担当作为先进集体',
      quota: 3,
      maxPicks: 3,
      position: 1,
    })
    .returning({ id: track.id });
  const elected = 3;
  const unitIds = await insertUnits(db, portraits, campaignId, units!.id, floodUnits2026, (i) =>
    i < elected ? 'elected' : 'not_elected',
  );
  await seedBallots(db, {
    campaignId,
    trackId: units!.id,
    candidateIds: unitIds,
    ballots: 320,
    maxPicks: 3,
    from: opens,
    to: closes,
    seed: 'units-2026-flood',
  });
  await certifyDemoVote(db, { campaignSlug: '2026-flood', closedAt: closes });
  await db.insert(committeeRule).values({ campaignId, membersDue: 13 });
  await seedCommitteeSitting(db, {
    campaignId,
    trackId: units!.id,
    candidateIds: unitIds,
    elected,
    heldOn: at(-17),
    recorder,
  });
  const slug = '2026-flood-1';
  const published = await publishDemoNotice(db, campaignId, {
    slug,
    serial: '澄组公〔2026〕2号',
    title: '关于2026年度澄川市防汛抗台担当作为先进集体拟命名对象的公示',
    lead: '根据《澄川市担当作为好单位、好干部评选办法》和市委关于做好防汛抗台表彰工作的部署，经推荐、初审入围、事迹展示和群众投票、二次入围、市委常委会差额票决，拟命名以下3个单位为“防汛抗台担当作为先进集体”，现予以公示。',
    periodStart: period.start,
    periodEnd: period.end,
    reportWeb: new URL(`/notices/${slug}`, siteUrl).href,
    signedOn: period.signedOn,
    publishedAt: new Date(`${period.signedOn}T17:00:00+08:00`),
  });
  // A few reports sent in since the period began, as the public form would store them: named
  // and anonymous, about an entry and about the notice as a whole, at each step of their
  // handling (received, being verified, concluded with a reply).
  const reports = [
    {
      candidateId: unitIds[0]!,
      content:
        '柳塘县水利局汛前加固的石桥镇段圩堤，护坡施工时有一段约200米没有按图纸铺设土工布，村民当时就提过意见，请核实验收情况。',
      reporterName: '石先生',
      reporterPhone: '13900001234',
      hoursAgo: 30,
      handling: { verifyingHoursAgo: 22 },
    },
    {
      candidateId: unitIds[2]!,
      content:
        '芦湾镇防汛物资仓库的冲锋舟去年汛后就坏了一直没修，今年抢险时用的是邻镇借来的，请核实物资管理情况。',
      reporterName: null,
      reporterPhone: null,
      hoursAgo: 28,
      handling: {
        verifyingHoursAgo: 25,
        concluded: {
          hoursAgo: 3,
          finding: 'partly_substantiated' as const,
          actionTaken:
            '调阅芦湾镇防汛物资台账，实地查看仓库：冲锋舟2025年10月报修，维修延误；汛期借用邻镇设备，未影响群众转移。已督促该镇完成维修，健全物资台账和汛前检查制度。',
          reply:
            '经核实，您反映的冲锋舟维修不及时问题部分属实：汛期借用了邻镇设备，未影响群众转移安置。已督促该镇完成维修，并健全物资台账和汛前检查。感谢您的监督。',
        },
      },
    },
    {
      candidateId: unitIds[1]!,
      content:
        '海门街道台风前转移群众的工作确实很到位，我们小区的老人都是社区干部背下楼的。这里反映的不是问题，只想表达感谢。',
      reporterName: null,
      reporterPhone: null,
      hoursAgo: 20,
    },
    {
      candidateId: null,
      content:
        '公示中没有写明三个单位在汛期的具体伤亡和损失数据，建议在公示或表彰材料中补充，便于群众了解。',
      reporterName: null,
      reporterPhone: null,
      hoursAgo: 4,
    },
  ];
  for (const [i, r] of reports.entries()) {
    const createdAt = new Date(now.getTime() - r.hoursAgo * 3600_000);
    const [row] = await db
      .insert(report)
      .values({
        reference: makeReportReference(isoDate(createdAt).slice(0, 4)),
        noticeId: published.id,
        candidateId: r.candidateId,
        content: r.content,
        reporterName: r.reporterName,
        reporterPhone: r.reporterPhone,
        deviceHash: createHash('sha256').update(`demo-report-device:${i}`).digest('base64url'),
        addressHash: createHash('sha256').update(`demo-report-address:${i}`).digest('base64url'),
        day: isoDate(createdAt),
        deviceSeq: 1,
        createdAt,
      })
      .returning({ id: report.id });
    if (r.handling) {
      await db.insert(reportHandling).values({
        reportId: row!.id,
        status: 'verifying',
        verifyingSince: new Date(now.getTime() - r.handling.verifyingHoursAgo * 3600_000),
      });
    }
    const concluded = r.handling?.concluded;
    if (concluded) {
      await db
        .update(reportHandling)
        .set({
          status: 'concluded',
          finding: concluded.finding,
          actionTaken: concluded.actionTaken,
          reply: concluded.reply,
          concludedAt: new Date(now.getTime() - concluded.hoursAgo * 3600_000),
        })
        .where(eq(reportHandling.reportId, row!.id));
    }
  }
}

/**
 * A published notice of the demo with the city's reporting channels and rules, signed by the
 * organiser, and its revision 1: what the public reads, built from the elected candidates exactly
 * as the publish verb builds it, so the demo's notices are real ones.
 */
async function publishDemoNotice(
  db: Db,
  campaignId: number,
  fields: Pick<
    typeof notice.$inferInsert,
    | 'slug'
    | 'serial'
    | 'title'
    | 'lead'
    | 'periodStart'
    | 'periodEnd'
    | 'reportWeb'
    | 'signedOn'
    | 'publishedAt'
  >,
): Promise<typeof notice.$inferSelect> {
  const [published] = await db
    .insert(notice)
    .values({
      campaignId,
      status: 'published',
      reportPhone: '0519-12380',
      reportAddress: '澄川市望潮区政通路1号市委组织部干部监督科',
      reportPostcode: '213399',
      reportVisit: '澄川市望潮区政通路1号市委组织部干部监督科（工作日 8:30—12:00，14:00—17:30）',
      reportRules:
        '反映问题应实事求是，内容具体（何人、何时、何事）；提倡实名反映，以便核实和反馈；对捏造事实、诬告陷害的，将依纪依法严肃处理。',
      signature: organiser,
      currentRevision: 1,
      ...fields,
    })
    .returning();
  const entries = await buildNoticeEntries(db, {
    campaignId,
    showPhotos: published!.showPhotos,
    order: published!.entryOrder,
  });
  await db.insert(noticeRevision).values({
    noticeId: published!.id,
    revision: 1,
    content: buildNoticeContent(published!, entries),
    changeNote: '',
    publishedAt: published!.publishedAt!,
    publishedBy: null,
  });
  return published!;
}
