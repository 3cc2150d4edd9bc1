import { afterEach, describe, expect, it } from 'vitest';
import { drawUnitEmblem } from '../../db/seed/draw-portrait.ts';
import { fontsCover } from '../../db/seed/fonts-cover.ts';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe('demo emblems that never show boxes of missing glyphs', () => {
  it('draws the short name as text only when asked, a seal otherwise', () => {
    const labelled = drawUnitEmblem('柳塘县农业农村局', '农业农村局');
    expect(labelled).toContain('>农业农村</text>');
    const plain = drawUnitEmblem('柳塘县农业农村局', '农业农村局', false);
    expect(plain).not.toContain('<text');
    expect(plain).toContain('<circle');
    // The same unit keeps its colour either way.
    expect(plain.match(/fill="(#[0-9a-f]{6})"/)![1]).toBe(
      labelled.match(/fill="(#[0-9a-f]{6})"/)![1],
    );
  });

  it('says a text will not render when no font has its characters', () => {
    expect(fontsCover('')).toBe(true);
    // A private-use character of plane 16: no font of a server draws it.
    expect(fontsCover('\u{10FFFD}')).toBe(false);
  });

  it('says no when fontconfig cannot be asked', () => {
    process.env.PATH = '';
    expect(fontsCover('农业')).toBe(false);
  });
});
