import { describe, expect, it } from 'vitest';
import { previewHref } from '#src/render/preview-href.ts';

describe('links during a staff preview', () => {
  it('carry preview=1 only while previewing, after any query already there', () => {
    expect(previewHref('/campaigns/2026/tracks/cadres', false)).toBe(
      '/campaigns/2026/tracks/cadres',
    );
    expect(previewHref('/campaigns/2026/tracks/cadres', undefined)).toBe(
      '/campaigns/2026/tracks/cadres',
    );
    expect(previewHref('/campaigns/2026/candidates/7', true)).toBe(
      '/campaigns/2026/candidates/7?preview=1',
    );
    expect(previewHref('/campaigns/2026?lang=en', true)).toBe('/campaigns/2026?lang=en&preview=1');
  });
});
