import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import {
  ballotBatch,
  ballotPick,
  paperResolution,
  campaign,
  candidate,
  committeeRule,
  notice,
  report,
  reportHandling,
  tally,
  track,
} from '#src/db/schema/index.ts';
import { analyseVoteIntegrity } from '#src/domain/integrity/analyse-vote-integrity.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';
import { findResultCertificate } from '#src/domain/results/find-result-certificate.ts';
import { readCommitteeTrack } from '#src/domain/committee/read-committee-track.ts';
import { localDay } from '#src/domain/clock.ts';
import { publicCandidateStatuses } from '#src/schemas/enums.ts';
import { prepareServices } from '#src/server/bootstrap.ts';
import { parseConfig } from '#src/server/config.ts';
import { useTestDb } from '../helpers/harness.ts';
import { testSecret } from '../helpers/test-api.ts';
import { createTestDb } from '../helpers/test-db.ts';

const db = useTestDb();
const now = new Date('2026-11-22T03:00:00Z');

// Seeding draws every portrait: seconds on a busy machine.
beforeAll(async () => {
  await seedDemo(db.db, now);
}, 60_000);

describe('the demo data', () => {
  it('has ballots from a city’s spread of addresses, networks and devices, as the monitor reads them', async () => {
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2026') });
    const report = await analyseVoteIntegrity(db.db, {
      campaignSlug: '2026',
      from: new Date(now.getTime() - 14 * 86_400_000),
      to: now,
      now,
    });
    expect(c).toBeTruthy();
    expect(report.topNetworks.length).toBe(10);
    // No one network holds the vote: the busiest has a few percent, not "99%".
    expect(report.topNetworks[0]!.share).toBeLessThan(0.1);
    expect(report.newDeviceShare).toBeGreaterThan(0.01);
    expect(report.newDeviceShare).toBeLessThan(0.2);
  });

  it('has a campaign open for voting now, with two tracks of enough public candidates', async () => {
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2026') });
    expect(c!.stage).toBe('public_vote');
    expect(c!.voteOpensAt!.getTime()).toBeLessThan(now.getTime());
    expect(c!.voteClosesAt!.getTime()).toBeGreaterThan(now.getTime());
    const tracks = await db.db.select().from(track).where(eq(track.campaignId, c!.id));
    expect(tracks.map((t) => t.kind).sort()).toEqual(['individual', 'unit']);
    for (const t of tracks) {
      const [row] = await db.db
        .select({ n: sql<number>`count(*)` })
        .from(candidate)
        .where(
          and(eq(candidate.trackId, t.id), inArray(candidate.status, publicCandidateStatuses)),
        );
      expect(Number(row!.n)).toBeGreaterThanOrEqual(t.kind === 'unit' ? 20 : 30);
      expect(Number(row!.n)).toBeGreaterThan(t.quota);
    }
  });

  it('has an earlier campaign with a published notice and elected candidates', async () => {
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2025') });
    expect(c!.stage).toBe('concluded');
    const n = await db.db.query.notice.findFirst({ where: eq(notice.campaignId, c!.id) });
    expect(n!.status).toBe('published');
    const elected = await db.db
      .select()
      .from(candidate)
      .where(and(eq(candidate.campaignId, c!.id), eq(candidate.status, 'elected')));
    expect(elected.length).toBe(14);
  });

  it('has the 2025 committee sitting, confirmed, its outcome the same as the notice', async () => {
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2025') });
    const tracks = await db.db.select().from(track).where(eq(track.campaignId, c!.id));
    const rule = await db.db.query.committeeRule.findFirst({
      where: eq(committeeRule.campaignId, c!.id),
    });
    expect(rule).toBeTruthy();
    for (const t of tracks) {
      const state = await readCommitteeTrack(db.db, { track: t, rule: rule! });
      // "名额 8，已确定当选 8": the committee page agrees with the notice.
      expect(state.placesFilled).toBe(t.quota);
      expect(state.sessions.map((x) => x.status)).toEqual(['confirmed']);
      const elected = await db.db
        .select({ id: candidate.id })
        .from(candidate)
        .where(and(eq(candidate.trackId, t.id), eq(candidate.status, 'elected')));
      expect(elected.length).toBe(t.quota);
    }
  });

  it('has a notice in its publicity period now, with reports at each step of their handling', async () => {
    const n = await db.db.query.notice.findFirst({ where: eq(notice.slug, '2026-flood-1') });
    const today = localDay(now, 'Asia/Shanghai');
    expect(n!.periodStart <= today && today <= n!.periodEnd).toBe(true);
    expect(n!.reportWeb).toBe('http://localhost:4321/notices/2026-flood-1');
    const reports = await db.db.select().from(report).where(eq(report.noticeId, n!.id));
    expect(reports.length).toBe(4);
    for (const r of reports) expect(r.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
    const handled = await db.db
      .select()
      .from(reportHandling)
      .where(
        inArray(
          reportHandling.reportId,
          reports.map((r) => r.id),
        ),
      );
    // Two received, one being verified, one concluded with its finding and reply.
    expect(handled.map((h) => h.status).sort()).toEqual(['concluded', 'verifying']);
    const concluded = handled.find((h) => h.status === 'concluded')!;
    expect(concluded).toMatchObject({ finding: 'partly_substantiated' });
    expect(concluded.reply).toContain('感谢您的监督');
    for (const h of handled) {
      const sent = reports.find((r) => r.id === h.reportId)!;
      expect(h.verifyingSince.getTime()).toBeGreaterThan(sent.createdAt.getTime());
      expect((h.concludedAt ?? h.verifyingSince).getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('gives every candidate a portrait and keeps tallies equal to the picks', async () => {
    const missing = await db.db
      .select()
      .from(candidate)
      .where(sql`${candidate.portraitId} is null`);
    expect(missing).toHaveLength(0);
    const mismatches = await db.db
      .select({ id: tally.candidateId })
      .from(tally)
      .where(
        // Picks of counted ballots: the demo's voided stuffing never counted.
        sql`${tally.votes} <> (select count(*) from ${ballotPick} join ballot b on b.id = ${ballotPick.ballotId} where ${ballotPick.candidateId} = ${tally.candidateId} and b.status = 'counted')`,
      );
    expect(mismatches).toHaveLength(0);
  });
});

describe('the demo notice', () => {
  it('names its own page on the site as the channel for reports on the web', async () => {
    const byDefault = await db.db.query.notice.findFirst({ where: eq(notice.slug, '2025-1') });
    expect(byDefault!.reportWeb).toBe('http://localhost:4321/notices/2025-1');

    const deployed = await createTestDb();
    try {
      await seedDemo(deployed.db, now, 'https://vote.example.org');
      const row = await deployed.db.query.notice.findFirst({ where: eq(notice.slug, '2025-1') });
      expect(row!.reportWeb).toBe('https://vote.example.org/notices/2025-1');
    } finally {
      deployed.destroy();
    }
  });

  it('has the 2025 vote certified with voided ballots to report, and the vote in progress not', async () => {
    const c2025 = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2025') });
    const c2026 = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2026') });
    const certificate = await findResultCertificate(db.db, c2025!.id);
    expect(certificate).not.toBeNull();
    expect(certificate!.certifiedAt.toISOString()).toBe('2025-12-08T02:30:00.000Z');
    // After the close (5 December) and before the second shortlist (from 8 December).
    expect(certificate!.certifiedAt > c2025!.voteClosesAt!).toBe(true);
    const tracks = certificate!.document.tracks;
    expect(tracks.map((t) => [t.slug, t.ballotsVoided])).toEqual([
      ['cadres', 64],
      ['units', 27],
    ]);
    expect(tracks[0]!.voidedByReason.map((r) => r.reason)).toEqual([
      'burst',
      'network_concentration',
    ]);
    expect(tracks.flatMap((t) => t.candidates).some((x) => x.votesVoided > 0)).toBe(true);
    expect(await findResultCertificate(db.db, c2026!.id)).toBeNull();
    // The certified figures agree with the tallies the seed wrote.
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
  });

  it('shows the 2025 paper and on-site figures beside the online ones, as certified', async () => {
    const c2025 = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, '2025') });
    const certificate = await findResultCertificate(db.db, c2025!.id);
    for (const t of certificate!.document.tracks) {
      expect(t.channels!.map((ch) => ch.channel)).toEqual(['online', 'paper', 'onsite']);
      const [online, paper, onsite] = t.channels!;
      expect(online!.ballotsCounted).toBe(t.ballotsCounted);
      expect(paper!.invalidByReason.map((r) => r.reason)).toEqual([
        'too_many',
        'none',
        'unreadable',
      ]);
      expect(onsite!.invalidByReason.map((r) => r.reason)).toEqual(['tally_sheet']);
      for (const ch of t.channels!) {
        expect(ch.ballotsCounted).toBe(ch.ballotsReceived - ch.ballotsInvalid);
      }
      expect(t.ballotsCountedAllChannels).toBe(
        t.channels!.reduce((a, ch) => a + ch.ballotsCounted, 0),
      );
      for (const x of t.candidates) {
        const by = x.votesByChannel!;
        expect(by.online).toBe(x.votes);
        expect(x.votesAllChannels).toBe(by.online + (by.paper ?? 0) + (by.onsite ?? 0));
      }
      expect(t.candidates.some((x) => (x.votesByChannel!.paper ?? 0) > 0)).toBe(true);
      expect(t.candidates.some((x) => (x.votesByChannel!.onsite ?? 0) > 0)).toBe(true);
    }
    // Every batch was entered twice and reconciled, one misread settled from the paper.
    const batches = await db.db
      .select()
      .from(ballotBatch)
      .where(eq(ballotBatch.campaignId, c2025!.id));
    expect(batches).toHaveLength(4);
    expect(await db.db.$count(paperResolution)).toBe(2);
  });
});

describe('when the demo is loaded on start', () => {
  async function start(env: Record<string, string>) {
    const lines: string[] = [];
    const services = await prepareServices(parseConfig(env), (line) => lines.push(line));
    const campaigns = await services.dbHandle.db.select().from(campaign);
    services.dbHandle.close();
    return { campaigns, log: lines.join('\n') };
  }

  it('loads it into the embedded default (no DATABASE_URL) when that is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'honour-roll-embedded-'));
    try {
      const { campaigns, log } = await start({ DATA_DIR: dir, SESSION_SECRET: testSecret });
      expect(campaigns.map((c) => c.slug).sort()).toEqual(['2025', '2026', '2026-flood']);
      expect(log).toContain('demo');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts a configured empty database empty, saying how to begin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'honour-roll-configured-'));
    try {
      const { campaigns, log } = await start({
        DATA_DIR: dir,
        DATABASE_URL: `file:${join(dir, 'real.db')}`,
        SESSION_SECRET: testSecret,
      });
      expect(campaigns).toEqual([]);
      expect(log).toContain('npm run staff -- add');
      expect(log).toContain('npm run db:seed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
