import MarkdownIt from 'markdown-it';

/**
 * Deeds are written by staff in Markdown. Raw HTML is never passed through (`html: false`
 * escapes it), links are limited to http(s) and mail, and headings start at level 3 so that a
 * profile's outline stays intact.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

// Demote h1/h2 (ATX or setext, in quotes or lists alike) to h3 on the parsed tokens, so code
// blocks that contain a `#` are left as written.
md.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if (
      (token.type === 'heading_open' || token.type === 'heading_close') &&
      /^h[12]$/.test(token.tag)
    ) {
      token.tag = 'h3';
    }
  }
});

export function renderMarkdown(source: string): string {
  return md.render(source);
}
