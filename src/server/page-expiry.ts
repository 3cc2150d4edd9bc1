/**
 * What a page tells the page cache (src/server/page-cache.ts) about time. Pages and components
 * call these while rendering; the cache reads `locals` once the page is complete, so a component
 * deep in a streamed page can still shorten its life.
 *
 * Every cached page expires at the next whole minute anyway: these say when it must go sooner.
 */

/** The page shows something that changes at each of `instants` (those in the past are ignored). */
export function expirePageAt(
  locals: App.Locals,
  now: Date,
  ...instants: (Date | null | undefined)[]
) {
  for (const instant of instants) {
    const at = instant?.getTime();
    if (at === undefined || at <= now.getTime()) continue;
    if (locals.pageExpiresAt === undefined || at < locals.pageExpiresAt) locals.pageExpiresAt = at;
  }
}

/** Counts that move with every ballot: a few seconds old at most. */
export const liveCountsMaxAgeMs = 5_000;

/** The page shows live counts. */
export function expirePageWithLiveCounts(locals: App.Locals, now: Date) {
  expirePageAt(locals, now, new Date(now.getTime() + liveCountsMaxAgeMs));
}

/** The page depends on something the cache's key does not hold (a receipt code): never cached. */
export function keepPageOutOfCache(locals: App.Locals) {
  locals.pageNotCached = true;
}
