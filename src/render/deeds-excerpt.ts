import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * The opening of a candidate's deeds as plain paragraphs, for a poster or a lobby screen where
 * the full Markdown does not fit. Headings are left out (they are short labels that read badly
 * run together with the text); the text is cut after the last full sentence that fits, so an
 * excerpt never stops mid-word unless one sentence alone is longer than the limit.
 */
export function deedsExcerpt(markdown: string, maxChars: number): string[] {
  const paragraphs: string[] = [];
  let inHeading = false;
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'heading_open') inHeading = true;
    else if (token.type === 'heading_close') inHeading = false;
    else if (token.type === 'inline' && !inHeading) {
      const text = (token.children ?? [])
        .map((c) =>
          c.type === 'softbreak' || c.type === 'hardbreak'
            ? ''
            : c.type === 'text' || c.type === 'code_inline'
              ? c.content
              : '',
        )
        .join('')
        .trim();
      if (text) paragraphs.push(text);
    }
  }

  const out: string[] = [];
  let left = maxChars;
  for (const p of paragraphs) {
    if (p.length <= left) {
      out.push(p);
      left -= p.length;
      continue;
    }
    const head = p.slice(0, left);
    const end = Math.max(
      ...['。', '！', '？', '；', '. ', '! ', '? '].map((m) => head.lastIndexOf(m)),
    );
    // Too little of a sentence is left: end with the paragraphs already taken, if any.
    if (end >= 0) out.push(`${head.slice(0, end + 1).trimEnd()}……`);
    else if (out.length === 0) out.push(`${head.trimEnd()}……`);
    else out[out.length - 1] = `${out[out.length - 1]}……`;
    break;
  }
  return out;
}
