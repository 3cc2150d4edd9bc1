import { describe, expect, it } from 'vitest';
import { getCampaign } from '#src/domain/campaigns/get-campaign.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { enterPaperBallot } from '#src/domain/paper/enter-paper-ballot.ts';
import { enterTallySheet } from '#src/domain/paper/enter-tally-sheet.ts';
import { finishBatchPass } from '#src/domain/paper/finish-batch-pass.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import { resolvePaperDifference } from '#src/domain/paper/resolve-paper-difference.ts';
import { combineChannelVotes } from '#src/domain/results/combine-channel-votes.ts';
import { certifyResults } from '#src/domain/results/certify-results.ts';
import { getResults } from '#src/domain/results/get-results.ts';
import { resultCertificateSchema } from '#src/schemas/result-certificate.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { makeStaffUser } from '../helpers/staff.ts';
import { fixedClock, testApi } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const hour = 3600_000;
const db = useTestDb();

/** A closed vote: one track adds its channels, one ranks by weights (online 40, paper 60). */
async function closedVoteWithPaper() {
  const c = await makeCampaign(db.db, now, {
    voteOpensAt: new Date(now.getTime() - 48 * hour),
    voteClosesAt: new Date(now.getTime() - hour),
  });
  const adding = await makeTrack(db.db, c.id, {
    slug: 'adding',
    paperChannel: true,
    onsiteChannel: true,
    maxPicks: 2,
  });
  const weighted = await makeTrack(db.db, c.id, {
    slug: 'weighted',
    paperChannel: true,
    maxPicks: 1,
    weightOnline: 40,
    weightPaper: 60,
    weightOnsite: 0,
  });
  const a = [];
  const w = [];
  for (let i = 0; i < 3; i++) a.push(await makeCandidate(db.db, adding));
  for (let i = 0; i < 2; i++) w.push(await makeCandidate(db.db, weighted));
  const castAt = new Date(now.getTime() - 24 * hour);
  // Online: in `adding` a0 has 3 votes, a1 1; in `weighted` w0 has 3 of 4, w1 1.
  for (const ids of [[a[0]!.id], [a[0]!.id], [a[0]!.id, a[1]!.id]]) {
    await makeCountedBallot(db.db, {
      campaignId: c.id,
      trackId: adding.id,
      candidateIds: ids,
      castAt,
    });
  }
  for (const id of [w[0]!.id, w[0]!.id, w[0]!.id, w[1]!.id]) {
    await makeCountedBallot(db.db, {
      campaignId: c.id,
      trackId: weighted.id,
      candidateIds: [id],
      castAt,
    });
  }
  const editor = await makeStaffUser(db.db, { role: 'editor' });
  const tellers = [
    await makeStaffUser(db.db, { role: 'teller' }),
    await makeStaffUser(db.db, { role: 'teller' }),
  ];
  const admin = await makeStaffUser(db.db, { role: 'admin' });
  const register = (trackSlug: string, channel: 'paper' | 'onsite') =>
    registerBallotBatch(db.db, {
      campaignSlug: c.slug,
      batch: {
        trackSlug,
        channel,
        label: `${trackSlug}-${channel}`,
        destination: '收票点',
        ballotCount: 20,
      },
      actorId: editor.id,
      now,
    });
  const enter = (
    batch: { id: number; firstSerial: number },
    teller: number,
    i: number,
    picks: number[],
  ) =>
    enterPaperBallot(db.db, {
      batchId: batch.id,
      entry: {
        serial: formatSerial(batch.firstSerial + i),
        picks,
        unreadable: false,
        correction: false,
      },
      tellerId: teller,
      now,
    });
  const finish = async (batchId: number) => {
    for (const t of tellers) await finishBatchPass(db.db, { batchId, tellerId: t.id, now });
  };
  return { c, a, w, tellers, admin, register, enter, finish };
}

describe('results and the certificate count every channel', () => {
  it('refuses to certify while a batch is unreconciled, then certifies paper and on-site figures beside online ones', async () => {
    const v = await closedVoteWithPaper();
    const [t1, t2] = v.tellers.map((t) => t.id) as [number, number];
    const paper = await v.register('adding', 'paper');
    // Paper: serial 0 both read a1+a2; serial 1 both read a1 and a0 (too many? no: 2 allowed);
    // serial 2 is read differently and settled as a2; serial 3 is invalid (none) in both.
    for (const t of [t1, t2]) {
      await v.enter(paper, t, 0, [v.a[1]!.number, v.a[2]!.number]);
      await v.enter(paper, t, 1, [v.a[0]!.number, v.a[1]!.number]);
      await v.enter(paper, t, 3, []);
    }
    await v.enter(paper, t1, 2, [v.a[2]!.number]);
    await v.enter(paper, t2, 2, [v.a[0]!.number]);
    const onsite = await v.register('adding', 'onsite');
    for (const t of [t1, t2]) {
      await enterTallySheet(db.db, {
        batchId: onsite.id,
        sheet: {
          ballotsCast: 10,
          invalidBallots: 1,
          counts: { [String(v.a[1]!.number)]: 9, [String(v.a[2]!.number)]: 4 },
          totalVotes: 13,
          correction: false,
        },
        tellerId: t,
        now,
      });
    }
    await v.finish(onsite.id);
    const certify = () =>
      certifyResults(db.db, { campaignSlug: v.c.slug, actorId: v.admin.id, role: 'admin', now });
    await expect(certify()).rejects.toMatchObject({ reason: 'paper_unreconciled' });
    await v.finish(paper.id);
    await expect(certify()).rejects.toMatchObject({
      reason: 'paper_unreconciled',
      details: { batches: ['adding-paper'] },
    });
    await resolvePaperDifference(db.db, {
      batchId: paper.id,
      resolution: {
        serial: formatSerial(paper.firstSerial + 2),
        picks: [v.a[2]!.number],
        unreadable: false,
        absent: false,
        note: '',
      },
      actorId: v.admin.id,
      role: 'admin',
      now,
    });
    // The weighted track's paper: w1 on 3 ballots, w0 on 1, entered alike.
    const wp = await v.register('weighted', 'paper');
    for (const t of [t1, t2]) {
      for (const [i, n] of [
        [0, v.w[1]!],
        [1, v.w[1]!],
        [2, v.w[1]!],
        [3, v.w[0]!],
      ] as const) {
        await v.enter(wp, t, i, [n.number]);
      }
    }
    await v.finish(wp.id);

    const stored = await certify();
    const doc = resultCertificateSchema.parse(JSON.parse(stored.text));
    const adding = doc.tracks.find((t) => t.slug === 'adding')!;
    expect(adding.channels).toEqual([
      {
        channel: 'online',
        ballotsReceived: 3,
        ballotsInvalid: 0,
        invalidByReason: [],
        ballotsCounted: 3,
      },
      {
        channel: 'paper',
        ballotsReceived: 4,
        ballotsInvalid: 1,
        invalidByReason: [{ reason: 'none', ballots: 1 }],
        ballotsCounted: 3,
      },
      {
        channel: 'onsite',
        ballotsReceived: 10,
        ballotsInvalid: 1,
        invalidByReason: [{ reason: 'tally_sheet', ballots: 1 }],
        ballotsCounted: 9,
      },
    ]);
    expect(adding.ballotsCountedAllChannels).toBe(15);
    const byNumber = (n: number) => adding.candidates.find((x) => x.number === n)!;
    expect(byNumber(v.a[0]!.number)).toMatchObject({
      votes: 3,
      votesByChannel: { online: 3, paper: 1, onsite: 0 },
      votesAllChannels: 4,
    });
    expect(byNumber(v.a[1]!.number).votesByChannel).toEqual({ online: 1, paper: 2, onsite: 9 });
    expect(byNumber(v.a[2]!.number).votesByChannel).toEqual({ online: 0, paper: 2, onsite: 4 });
    expect(adding.weights).toBeUndefined();
    expect(byNumber(v.a[0]!.number).score).toBeUndefined();

    const weighted = doc.tracks.find((t) => t.slug === 'weighted')!;
    expect(weighted.weights).toEqual({ online: 40, paper: 60, onsite: 0 });
    const w0 = weighted.candidates.find((x) => x.id === v.w[0]!.id)!;
    const w1 = weighted.candidates.find((x) => x.id === v.w[1]!.id)!;
    // w0: 40 × 3/4 + 60 × 1/4 = 45; w1: 40 × 1/4 + 60 × 3/4 = 55.
    expect([w0.score, w1.score]).toEqual(['45.0000', '55.0000']);

    // The public results rank by all channels, and by the score where weighted.
    const detail = await getCampaign(db.db, v.c.slug);
    const results = await getResults(db.db, detail.campaign, detail.tracks, now);
    if (!results.visible) throw new Error('certified results are visible');
    const ranked = (slug: string) =>
      results.tracks.find((t) => t.track.slug === slug)!.ranking.map((x) => x.id);
    expect(ranked('adding')).toEqual([v.a[1]!.id, v.a[2]!.id, v.a[0]!.id]);
    expect(ranked('weighted')).toEqual([v.w[1]!.id, v.w[0]!.id]);

    // The results JSON and CSV carry each channel's ballots and votes, the total and the score.
    const api = testApi(db, { clock: fixedClock(now) });
    const json = await (await api.request(`/api/campaigns/${v.c.slug}/results`)).json();
    const jAdding = json.tracks.find((t: { slug: string }) => t.slug === 'adding');
    expect(jAdding.channels.map((ch: { ballotsCounted: number }) => ch.ballotsCounted)).toEqual([
      3, 3, 9,
    ]);
    const jA1 = jAdding.candidates.find((x: { id: number }) => x.id === v.a[1]!.id);
    expect(jA1).toMatchObject({ votesAllChannels: 12, rank: 1 });
    const jWeighted = json.tracks.find((t: { slug: string }) => t.slug === 'weighted');
    expect(jWeighted.weights).toEqual({ online: 40, paper: 60, onsite: 0 });
    const csv = await (await api.request(`/api/campaigns/${v.c.slug}/results.csv`)).text();
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('votes_online,votes_paper,votes_onsite,votes_all_channels,score');
    const a1Line = lines.find((l) => l.includes(`"${v.a[1]!.name}"`))!;
    expect(a1Line.endsWith('"1","2","9","12",""')).toBe(true);
    const w1Line = lines.find((l) => l.includes(`"${v.w[1]!.name}"`))!;
    expect(w1Line.endsWith('"1","3","","4","55.0000"')).toBe(true);

    // Nothing enters after certification.
    await expect(v.register('adding', 'paper')).rejects.toMatchObject({
      reason: 'paper_after_certification',
    });
  });

  it('computes the weighted score exactly from the published figures', () => {
    expect(
      combineChannelVotes([
        { channel: 'online', weight: 15, votes: 1, counted: 3 },
        { channel: 'paper', weight: 50, votes: 2, counted: 7 },
        { channel: 'onsite', weight: 35, votes: 0, counted: 0 },
      ]),
    ).toBe('19.2857'); // 5 + 14.285714…
  });
});
