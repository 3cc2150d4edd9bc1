import { describe, expect, it } from 'vitest';
import { PageCache } from '#src/server/page-cache.ts';

describe('the page cache after a write of its own process', () => {
  it('reads the content version afresh at once, not a version check later', async () => {
    let version = 1;
    let reads = 0;
    const cache = new PageCache({
      maxBytes: 1 << 20,
      now: () => Date.now(),
      readVersion: async () => {
        reads++;
        return version;
      },
      versionCheckMs: 60_000,
    });
    expect(await cache.currentVersion()).toBe(1);
    version = 2; // a staff change committed through this process's API
    expect(await cache.currentVersion()).toBe(1); // within the version check: not read again
    cache.recheckVersion();
    expect(await cache.currentVersion()).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not take a reading begun before the write as fresh', async () => {
    let version = 1;
    let release: (() => void) | undefined;
    const cache = new PageCache({
      maxBytes: 1 << 20,
      now: () => Date.now(),
      readVersion: () =>
        new Promise<number>((done) => {
          const seen = version;
          release = () => done(seen);
        }),
      versionCheckMs: 60_000,
    });
    const early = cache.currentVersion();
    version = 2;
    cache.recheckVersion();
    release!();
    expect(await early).toBe(1);
    const late = cache.currentVersion();
    release!();
    expect(await late).toBe(2);
  });
});
