import { fileURLToPath } from 'node:url';
import { openSync, type Font } from 'fontkit';
import { createHash } from 'node:crypto';

/**
 * Draws a stylised, clearly illustrated portrait (never a photo) for a fictional candidate, so
 * the demo looks like a real list without using anyone's likeness. Deterministic per name.
 */

function rng(seedText: string): () => number {
  let s = createHash('sha256').update(seedText).digest().readUInt32LE(0);
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const backgrounds = ['#e8eef5', '#eef2ea', '#f4ede4', '#ece9f3', '#e6f0f0', '#f3ecec'];
const skins = ['#f1c9a5', '#e8b892', '#d9a37c', '#f3d2b3', '#c98e68'];
const hairs = ['#1f1a17', '#2b2220', '#3a2d27', '#4a3b33', '#5b5b5b'];
const suits = ['#1f2a3c', '#2c3440', '#23313f', '#3b3f46', '#1c2733'];
const ties = ['#8e1b1b', '#1d4e89', '#5a2d82', '#2f5d3a', '#7a4b16'];

export function drawPersonPortrait(name: string, sex: '男' | '女'): string {
  const r = rng(`person:${name}`);
  const bg = pick(r, backgrounds);
  const skin = pick(r, skins);
  const hair = pick(r, hairs);
  const suit = pick(r, suits);
  const tie = pick(r, ties);
  const female = sex === '女';
  const hairShape = female
    ? pick(r, [
        // shoulder-length
        'M62 92c0-34 18-52 38-52s38 18 38 52v44c-8 6-14 8-20 8V96c-8-10-26-12-36-6v54c-8 0-14-2-20-8z',
        // short bob
        'M60 100c0-38 18-56 40-56s40 18 40 56c0 10-2 18-6 24-2-16-4-26-8-32-10-8-38-8-50 2-4 8-6 18-8 30-6-6-8-14-8-24z',
        // bun
        'M64 96c0-32 16-48 36-48s36 16 36 48c-4-10-10-18-16-20-12-4-30-4-40 2-8 4-12 10-16 18zM88 34a12 12 0 1 0 24 0a12 12 0 1 0-24 0z',
      ])
    : pick(r, [
        'M64 92c0-30 16-46 36-46s36 16 36 46c-4-12-10-18-18-20-12-2-30-2-40 2-8 4-12 10-14 18z',
        'M62 96c0-34 18-50 38-50s38 16 38 50c-2-8-6-14-12-18-14-6-38-8-50 2-6 4-10 10-14 16z',
        'M66 88c2-26 16-40 34-40s32 14 34 40c-6-8-12-12-20-14-8-2-22-2-30 0-8 2-14 6-18 14z',
      ]);
  const glasses =
    r() < 0.35
      ? `<g fill="none" stroke="#333" stroke-width="2.5"><rect x="78" y="92" width="18" height="13" rx="4"/><rect x="104" y="92" width="18" height="13" rx="4"/><path d="M96 97h8"/></g>`
      : '';
  const neck = female
    ? `<path d="M76 176l24 22 24-22" fill="#fff"/>`
    : `<path d="M82 172l18 20 18-20" fill="#fff"/><path d="M96 186l4-6 4 6-4 34z" fill="${tie}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 240" width="200" height="240" role="img" aria-label="示意头像（非真实照片）">
<rect width="200" height="240" fill="${bg}"/>
<path d="M20 240c4-44 30-68 80-72 50 4 76 28 80 72z" fill="${suit}"/>
${neck}
<rect x="88" y="140" width="24" height="32" rx="8" fill="${skin}"/>
<ellipse cx="100" cy="104" rx="34" ry="42" fill="${skin}"/>
<path d="${hairShape}" fill="${hair}"/>
${glasses}
<path d="M88 128q12 8 24 0" fill="none" stroke="#9b5b4a" stroke-width="2.5" stroke-linecap="round"/>
<circle cx="87" cy="99" r="3" fill="#2a2a2a"/><circle cx="113" cy="99" r="3" fill="#2a2a2a"/>
</svg>`;
}

/**
 * An emblem-like card for a unit: a coloured panel with a building motif and, when `labelled`,
 * its short name. The name is drawn as outlines from a font shipped with the seed
 * (./fonts/emblem-serif-sc-bold.otf, a subset of Noto Serif CJK SC holding the demo's
 * characters), never as SVG text: the image looks the same whatever fonts the machine has. A
 * label the font cannot draw whole is not drawn (see emblemFontCovers); a seal takes its place.
 */
export function drawUnitEmblem(name: string, shortName: string, labelled = true): string {
  const r = rng(`unit:${name}`);
  const colour = pick(r, ['#8e1b1b', '#1d4e89', '#2f5d3a', '#5a2d82', '#7a4b16', '#0f5b66']);
  const label = emblemLabel(shortName);
  const fontSize = label.length <= 2 ? 44 : label.length === 3 ? 36 : 30;
  const mark =
    labelled && emblemFontCovers(label)
      ? `<path d="${textOutline(label, fontSize, 100, 196)}" fill="#fff"/>`
      : `<g fill="none" stroke="#fff" stroke-width="3"><circle cx="100" cy="188" r="22"/></g><path d="M100 172l4.7 9.6 10.6 1.5-7.7 7.5 1.8 10.5-9.4-5-9.4 5 1.8-10.5-7.7-7.5 10.6-1.5z" fill="#fff"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 240" width="200" height="240" role="img" aria-label="单位标识（示意）">
<rect width="200" height="240" fill="${colour}"/>
<g fill="#fff" opacity="0.14"><path d="M30 150h140v8H30zM40 100h120l-60-36zM48 108h14v40H48zM78 108h14v40H78zM108 108h14v40h-14zM138 108h14v40h-14z"/></g>
<rect x="18" y="18" width="164" height="204" rx="10" fill="none" stroke="#fff" stroke-opacity="0.5" stroke-width="2"/>
${mark}
</svg>`;
}

/** The characters an emblem draws as text: at most four of the unit's short name. */
export function emblemLabel(shortName: string): string {
  return shortName.length > 4 ? shortName.slice(0, 4) : shortName;
}

const emblemFont = openSync(
  fileURLToPath(new URL('./fonts/emblem-serif-sc-bold.otf', import.meta.url)),
) as Font;

/** Whether the seed's emblem font has a glyph for every character of `text`. */
export function emblemFontCovers(text: string): boolean {
  return [...text].every((c) => emblemFont.hasGlyphForCodePoint(c.codePointAt(0)!));
}

/** `text` as SVG path data in the emblem font: `size` px, centred on `cx`, its baseline at `y`. */
function textOutline(text: string, size: number, cx: number, y: number): string {
  const run = emblemFont.layout(text);
  const scale = size / emblemFont.unitsPerEm;
  const width = run.positions.reduce((w, p) => w + p.xAdvance, 0) * scale;
  let x = cx - width / 2;
  return run.glyphs
    .map((glyph, i) => {
      const d = glyph.path.scale(scale, -scale).translate(x, y).toSVG();
      x += run.positions[i]!.xAdvance * scale;
      return d;
    })
    .join('');
}
