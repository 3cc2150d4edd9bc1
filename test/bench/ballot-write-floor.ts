/**
 * The ballot's database work alone, for `npm run bench`: what the production server could reach
 * at best on this machine if HTTP, JSON, the bot check and the device cookie cost nothing.
 *
 * In its own process, on a database of its own (migrated, with the demo campaign), 64 loops call
 * castBallot — the same transaction the ballot route runs, with the same group commit — each with
 * a fresh device, address and proof key shaped like the real ones (64 hex digits of an HMAC or a
 * SHA-256), so the indexes see random keys as they do in production. Every ballot must be
 * accepted. After a warm-up it counts accepted ballots for BENCH_SECONDS (default 8) and prints
 * one line of JSON: `{ "acceptedPerSec": …, "ballots": … }`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import { createDb } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { campaign, candidate, track } from '#src/db/schema/index.ts';
import { castBallot } from '#src/domain/ballots/cast-ballot.ts';

const concurrency = 64;
const warmUpSeconds = 2;
const measuredSeconds = Number(process.env.BENCH_SECONDS || 8);
const campaignSlug = '2026';

const dir = mkdtempSync(join(tmpdir(), 'honour-roll-floor-'));
const handle = await createDb({ url: `file:${join(dir, 'floor.db')}` });
try {
  const { db } = handle;
  await applyMigrations(db);
  await seedDemo(db, new Date());
  const [c] = await db.select().from(campaign).where(eq(campaign.slug, campaignSlug));
  if (!c) throw new Error(`The demo has no campaign ${campaignSlug}.`);
  const tracks = await Promise.all(
    (await db.select().from(track).where(eq(track.campaignId, c.id))).map(async (t) => ({
      slug: t.slug,
      maxPicks: Math.max(1, Math.min(5, t.maxPicks)),
      minPicks: Math.max(1, t.minPicks),
      ids: (
        await db
          .select({ id: candidate.id })
          .from(candidate)
          .where(and(eq(candidate.trackId, t.id), eq(candidate.status, 'shortlisted')))
      ).map((r) => r.id),
    })),
  );

  const hash = () => randomBytes(32).toString('hex');
  let n = 0;
  let counting = false;
  let accepted = 0;
  let stop = false;
  async function loop(): Promise<void> {
    while (!stop) {
      const t = tracks[n++ % tracks.length]!;
      const k = t.minPicks + Math.floor(Math.random() * (t.maxPicks - t.minPicks + 1));
      const ids = [...t.ids].sort(() => Math.random() - 0.5).slice(0, k);
      await castBallot(db, {
        campaignSlug,
        trackSlug: t.slug,
        candidateIds: ids,
        deviceHash: hash(),
        deviceIssuedAt: null,
        addressHash: hash(),
        hostHash: hash(),
        networkHash: hash(),
        // A proof every provider would pass: what is measured is the database's part of the
        // single-use rule (a read, then the key written with the ballot), not the provider.
        botCheck: { useKey: hash(), verify: async () => ({ ok: true }) },
        now: new Date(),
      });
      if (counting) accepted++;
    }
  }
  const loops = Array.from({ length: concurrency }, loop);
  await new Promise((r) => setTimeout(r, warmUpSeconds * 1000));
  counting = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, measuredSeconds * 1000));
  counting = false;
  const seconds = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(loops);
  console.log(JSON.stringify({ acceptedPerSec: accepted / seconds, ballots: accepted }));
} finally {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
}
