import MarkdownIt from 'markdown-it';

/**
 * Deeds are written by staff in Markdown. Raw HTML is never passed through (`html: false`
 * escapes it), links are limited to http(s) and mail, and headings start at level 3 so that a
 * profile's outline stays intact.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
md.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

export function renderMarkdown(source: string): string {
  const shifted = source.replace(/^(#{1,2})(?=\s)/gm, '###');
  return md.render(shifted);
}
