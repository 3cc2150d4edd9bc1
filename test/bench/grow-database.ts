/**
 * Grows a seeded demo database by a million ballots, for `npm run bench:growth`, with SQL inside
 * the database rather than through the API: a million HTTP requests would take the better part of
 * an hour on two cores, while `INSERT … SELECT` over a recursive counter takes about a minute.
 *
 * The ballots are what the site itself would have written, and the database checks them as it
 * would check the site's: every constraint, foreign key and trigger of db/migrations stays in
 * place (nothing is dropped or disabled). Each ballot has a device hash and an address hash of
 * its own (random, with the ballot's number at the end so they are distinct for sure), so its
 * seqs are 1 and the daily limits hold; picks are distinct candidates of the ballot's own track;
 * receipts keep the `XXXX-XXXX-XXXX` form. Cast times run through each campaign's vote window in
 * id order, tracks interleaved, as a real vote would have filled the table. About 1 % of the
 * closed campaign's ballots are voided, as staff would have done. The tallies are then recomputed
 * from the counted picks, as `npm run tally:verify` does.
 *
 * No ANALYZE is run: a production database has no planner statistics either, so the queries are
 * planned here as they would be there.
 */
import { createClient, type Client } from '@libsql/client';

export interface GrowthPlan {
  /** Ballots to add. */
  ballots: number;
  /** The share of them cast in the closed campaign; the rest go to the open one. */
  closedShare: number;
  closedCampaign: string;
  openCampaign: string;
  /** Cast times of the open campaign end here (the vote is still running). */
  now: Date;
}

export interface TrackGrowth {
  campaign: string;
  track: string;
  ballots: number;
  invalidated: number;
}

export interface GrowthReport {
  ballotsAdded: number;
  picksAdded: number;
  ballotsInDatabase: number;
  picksInDatabase: number;
  tracks: TrackGrowth[];
  seconds: number;
}

// Crockford's base32, as in src/domain/ballots/receipt-code.ts.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The last four receipt symbols carry the ballot's number: 32^4 = 1,048,576 distinct codes. */
const maxBallots = 32 ** 4;
/** Most picks on one generated ballot (the demo seed uses 8 and 6). */
const maxPicksPerBallot = 8;
/** One ballot in this many of the closed campaign was voided. */
const voidEvery = 97;

interface TrackRow {
  id: number;
  campaignId: number;
  campaignSlug: string;
  slug: string;
  opensAt: number;
  closesAt: number;
}

export async function growDatabase(url: string, plan: GrowthPlan): Promise<GrowthReport> {
  if (plan.ballots > maxBallots) throw new Error(`At most ${maxBallots} ballots, by receipt form.`);
  const started = performance.now();
  const client = createClient({ url });
  try {
    // A build, not a service: no other connection, so a rollback journal (tiny, as only the
    // seed's pages have an original to keep) and no fsync (a build cut short is thrown away).
    // WAL comes back at the end, as the server expects.
    await client.execute('PRAGMA journal_mode = DELETE');
    await client.execute('PRAGMA synchronous = OFF');
    // The random keys of the hash and receipt indexes touch pages all over the file.
    await client.execute('PRAGMA cache_size = -1048576');
    await client.execute('PRAGMA temp_store = MEMORY');
    await client.execute('PRAGMA foreign_keys = ON');

    const tracks = await readTracks(client, [plan.closedCampaign, plan.openCampaign]);
    const closed = tracks.filter((t) => t.campaignSlug === plan.closedCampaign);
    const open = tracks.filter((t) => t.campaignSlug === plan.openCampaign);
    if (closed.length === 0 || open.length === 0) {
      throw new Error(`Campaigns ${plan.closedCampaign} and ${plan.openCampaign} need tracks.`);
    }
    const closedBallots = Math.round(plan.ballots * plan.closedShare);
    const segments = [
      segment(closed, 0, closedBallots, closed[0]!.closesAt, true),
      segment(
        open,
        closedBallots,
        plan.ballots - closedBallots,
        Math.min(open[0]!.closesAt, plan.now.getTime()),
        false,
      ),
    ];

    const tx = await client.transaction('write');
    try {
      await tx.execute(
        `CREATE TEMP TABLE grow_segment (first INTEGER, count INTEGER, campaign_id INTEGER,
           tracks INTEGER, track_ids TEXT, opens_at INTEGER, closes_at INTEGER, voided INTEGER)`,
      );
      for (const s of segments) {
        await tx.execute({
          sql: 'INSERT INTO grow_segment VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          args: [
            s.first,
            s.count,
            s.campaignId,
            s.trackIds.length,
            JSON.stringify(s.trackIds),
            s.opensAt,
            s.closesAt,
            s.voided ? 1 : 0,
          ],
        });
      }
      // Candidates a ballot could pick, numbered 0… within their track. Those of the closed
      // campaign now carry their outcome; all of them were on its ballot.
      await tx.execute(`CREATE TEMP TABLE grow_candidate AS
        SELECT track_id, id, row_number() OVER (PARTITION BY track_id ORDER BY number) - 1 AS idx
        FROM candidate
        WHERE status <> 'nominated' AND status <> 'withdrawn'
          AND track_id IN (SELECT value FROM grow_segment, json_each(track_ids))`);
      await tx.execute('CREATE INDEX temp.grow_candidate_track ON grow_candidate (track_id, idx)');
      await tx.execute({
        sql: `CREATE TEMP TABLE grow_track AS
          SELECT g.track_id, count(*) AS candidates, min(t.max_picks, count(*), ?) AS most_picks
          FROM grow_candidate g JOIN track t ON t.id = g.track_id GROUP BY g.track_id`,
        args: [maxPicksPerBallot],
      });

      const [base] = (await tx.execute('SELECT coalesce(max(id), 0) AS id FROM ballot')).rows;
      const firstId = Number(base?.id ?? 0) + 1;
      // One row per new ballot: its id, track, cast time and picks (k candidates from a start
      // that favours the lower numbers, so some candidates are more popular than others).
      await tx.execute({
        sql: `CREATE TEMP TABLE grow_ballot AS
          WITH RECURSIVE n(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM n WHERE n + 1 < ?),
          placed AS (
            SELECT n.n, s.campaign_id, s.voided,
                   json_extract(s.track_ids, '$[' || (n.n % s.tracks) || ']') AS track_id,
                   s.opens_at + (n.n - s.first) * (s.closes_at - s.opens_at) / s.count AS cast_at
            FROM n JOIN grow_segment s ON n.n >= s.first AND n.n < s.first + s.count
          )
          SELECT p.n, ? + p.n AS id, p.campaign_id, p.track_id, p.cast_at, p.voided,
                 t.candidates,
                 1 + abs(random()) % t.most_picks AS k,
                 min(abs(random()) % t.candidates, abs(random()) % t.candidates) AS start
          FROM placed p JOIN grow_track t ON t.track_id = p.track_id`,
        args: [plan.ballots, firstId],
      });

      const symbol = (expr: string) => `substr('${alphabet}', 1 + (${expr}), 1)`;
      const randomSymbols = (count: number) =>
        Array.from({ length: count }, () => symbol('abs(random()) % 32')).join(' || ');
      const numberSymbols = [15, 10, 5, 0].map((shift) => symbol(`(n >> ${shift}) & 31`));
      const hash = `substr(hex(randomblob(18)), 1, 36) || printf('%07d', n)`;
      // Asia/Shanghai has had no daylight saving since 1991, so +8 h gives its local day.
      await tx.execute(`INSERT INTO ballot (id, receipt, campaign_id, track_id, device_hash,
          address_hash, network_hash, device_issued_at, day, device_seq, address_seq, status,
          invalid_reason, invalidated_by, invalidated_at, cast_at)
        SELECT id,
               ${randomSymbols(4)} || '-' || ${randomSymbols(4)} || '-' || ${numberSymbols.join(' || ')},
               campaign_id, track_id, ${hash}, ${hash},
               printf('net-%039d', abs(random()) % 200000),
               cast_at - abs(random()) % 86400000,
               date(cast_at / 1000 + 8 * 3600, 'unixepoch'),
               1, 1,
               CASE WHEN voided AND n % ${voidEvery} = 0 THEN 'invalidated' ELSE 'counted' END,
               CASE WHEN voided AND n % ${voidEvery} = 0 THEN 'burst' END,
               NULL,
               CASE WHEN voided AND n % ${voidEvery} = 0 THEN cast_at + 86400000 END,
               cast_at
        FROM grow_ballot ORDER BY id`);

      const picks = await tx.execute(`INSERT INTO ballot_pick (ballot_id, candidate_id)
        SELECT b.id, c.id
        FROM grow_ballot b JOIN grow_candidate c
          ON c.track_id = b.track_id AND (c.idx - b.start + b.candidates) % b.candidates < b.k
        ORDER BY b.id, c.id`);

      // Every tally from the counted picks, the seed's included: what tally:verify recomputes.
      await tx.execute(`INSERT INTO tally (candidate_id, votes)
        SELECT c.id, (SELECT count(*) FROM ballot_pick p JOIN ballot b ON b.id = p.ballot_id
                       WHERE p.candidate_id = c.id AND b.status = 'counted')
        FROM candidate c WHERE true
        ON CONFLICT (candidate_id) DO UPDATE SET votes = excluded.votes`);

      const perTrack = await tx.execute(`SELECT c.slug AS campaign, t.slug AS track,
          count(*) AS ballots, sum(b.voided AND b.n % ${voidEvery} = 0) AS invalidated
        FROM grow_ballot b JOIN track t ON t.id = b.track_id JOIN campaign c ON c.id = t.campaign_id
        GROUP BY b.track_id ORDER BY c.slug, t.position`);
      for (const table of ['grow_ballot', 'grow_track', 'grow_candidate', 'grow_segment']) {
        await tx.execute(`DROP TABLE temp.${table}`);
      }
      await tx.commit();

      const [totals] = (
        await client.execute(
          'SELECT (SELECT count(*) FROM ballot) AS ballots, (SELECT count(*) FROM ballot_pick) AS picks',
        )
      ).rows;
      await client.execute('PRAGMA journal_mode = WAL');
      return {
        ballotsAdded: plan.ballots,
        picksAdded: picks.rowsAffected,
        ballotsInDatabase: Number(totals?.ballots),
        picksInDatabase: Number(totals?.picks),
        tracks: perTrack.rows.map((r) => ({
          campaign: String(r.campaign),
          track: String(r.track),
          ballots: Number(r.ballots),
          invalidated: Number(r.invalidated),
        })),
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

async function readTracks(client: Client, campaigns: string[]): Promise<TrackRow[]> {
  const result = await client.execute({
    sql: `SELECT t.id, t.campaign_id, c.slug AS campaign_slug, t.slug, c.vote_opens_at,
            c.vote_closes_at
          FROM track t JOIN campaign c ON c.id = t.campaign_id
          WHERE c.slug IN (?, ?) ORDER BY t.position, t.id`,
    args: campaigns,
  });
  return result.rows.map((r) => ({
    id: Number(r.id),
    campaignId: Number(r.campaign_id),
    campaignSlug: String(r.campaign_slug),
    slug: String(r.slug),
    opensAt: Number(r.vote_opens_at),
    closesAt: Number(r.vote_closes_at),
  }));
}

/**
 * `count` ballots numbered from `first`, cast from the vote's opening until `until`; `voided`
 * if staff voided some of them (the closed campaign's).
 */
function segment(tracks: TrackRow[], first: number, count: number, until: number, voided: boolean) {
  const opensAt = tracks[0]!.opensAt;
  if (!(until > opensAt)) throw new Error(`Campaign ${tracks[0]!.campaignSlug} has no window.`);
  return {
    first,
    count,
    campaignId: tracks[0]!.campaignId,
    trackIds: tracks.map((t) => t.id),
    opensAt,
    closesAt: until,
    voided,
  };
}
