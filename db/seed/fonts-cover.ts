import { execFileSync } from 'node:child_process';

/**
 * Whether the machine's fonts have a glyph for every character of `text`, as fontconfig (which
 * the image encoder's SVG renderer uses) sees them. A server without CJK fonts would otherwise
 * render the demo emblems' names as boxes of missing glyphs and store them for good. Without
 * fontconfig's `fc-list` the answer is no: nothing says the text would render.
 */
export function fontsCover(text: string): boolean {
  const codes = [...new Set([...text].map((c) => c.codePointAt(0)!.toString(16)))];
  if (codes.length === 0) return true;
  try {
    const families = execFileSync('fc-list', [`:charset=${codes.join(' ')}`, 'family'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return families.trim() !== '';
  } catch {
    return false;
  }
}
