import { describe, expect, it } from 'vitest';
import { units2025 } from '../../db/seed/data/campaign-2025.ts';
import { floodUnits2026 } from '../../db/seed/data/flood-2026.ts';
import { units2026 } from '../../db/seed/data/units-2026.ts';
import { drawUnitEmblem, emblemFontCovers, emblemLabel } from '../../db/seed/draw-portrait.ts';
import { unitShortName } from '../../db/seed/seed-demo.ts';

describe('demo emblems that look the same on every machine', () => {
  it('draw the short name as outlines of the seed’s own font, never as text for the machine’s fonts', () => {
    const emblem = drawUnitEmblem('柳塘县农业农村局', '农业农村局');
    expect(emblem).not.toContain('<text');
    expect(emblem).not.toContain('font-family');
    // Four glyphs of outlines in white, inside the 200 px card.
    const outline = emblem.match(/<path d="([^"]+)" fill="#fff"\/>/)![1]!;
    expect(outline.match(/M/g)!.length).toBeGreaterThanOrEqual(4);
    const xs = [...outline.matchAll(/(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)/g)].map((m) =>
      Number(m[1]),
    );
    expect(Math.min(...xs)).toBeGreaterThan(20);
    expect(Math.max(...xs)).toBeLessThan(180);
  });

  it('have every demo unit’s label in the font, so each emblem carries its name', () => {
    const labels = [...units2025, ...units2026, ...floodUnits2026].map((u) =>
      emblemLabel(unitShortName(u.name)),
    );
    expect(labels.filter((label) => !emblemFontCovers(label))).toEqual([]);
  });

  it('draw a seal instead of a name the font cannot draw whole, or when asked to', () => {
    // 龙 is not among the demo's characters: no box of a missing glyph is ever drawn.
    expect(emblemFontCovers('龙湾街道')).toBe(false);
    for (const emblem of [
      drawUnitEmblem('澄川市龙湾街道办事处', '龙湾街道'),
      drawUnitEmblem('柳塘县农业农村局', '农业农村局', false),
    ]) {
      expect(emblem).toContain('<circle');
      expect(emblem).not.toMatch(/<path d="M[^"]{400,}" fill="#fff"\/>/);
    }
    // The same unit keeps its colour either way.
    const colour = (svg: string) => svg.match(/fill="(#[0-9a-f]{6})"/)![1];
    expect(colour(drawUnitEmblem('柳塘县农业农村局', '农业农村局', false))).toBe(
      colour(drawUnitEmblem('柳塘县农业农村局', '农业农村局')),
    );
  });
});
