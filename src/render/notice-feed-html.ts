import { formatNoticeDate } from '../domain/notices/format-notice-entry.ts';
import type { DecisionContent } from '../schemas/decision-content.ts';
import type { NoticeContent } from '../schemas/notice-content.ts';
import { groupByTrack, groupNumeral } from './document-groups.ts';
import { escapeXml } from './escape-xml.ts';
import { noticeText, suspendedMark } from './notice-text.ts';

/**
 * A notice's whole text as simple HTML for a feed reader (Atom `content type="html"`): the
 * serial, title, lead, every entry with its facts and honour, the period, how to report, the
 * rules and the signature, in the order of the document. Headings, paragraphs and lists only:
 * feed readers drop styles and scripts anyway. Photos stay on the site.
 */
export function noticeFeedHtml(c: NoticeContent, correction?: string): string {
  const e = escapeXml;
  const wording = noticeText(c);
  const parts: string[] = [];
  if (correction) parts.push(`<p><strong>${e(correction)}</strong></p>`);
  parts.push(`<p>${e(c.serial)}</p>`, `<h1>${e(c.title)}</h1>`);
  if (wording.outcome) {
    const { heading, statedOn, paragraphs } = wording.outcome;
    parts.push(`<h2>${e(heading)}（${e(statedOn)}）</h2>`);
    for (const p of paragraphs) parts.push(`<p>${e(p)}</p>`);
  }
  parts.push(`<p>${e(c.lead)}</p>`);
  wording.groups.forEach((g, i) => {
    const unit = g.entries[0]!.entry.kind === 'unit' ? '个' : '名';
    parts.push(`<h2>${groupNumeral(i)}、${e(g.trackName)}（${g.entries.length}${unit}）</h2>`);
    parts.push('<ol>');
    for (const { entry, sentence, honour, suspended } of g.entries) {
      const rest = sentence.slice(entry.name.length);
      const summary =
        c.showSummaries && entry.summary
          ? `<br/>${e(wording.summaryLabel)}：${e(entry.summary)}`
          : '';
      parts.push(
        `<li><strong>${e(entry.name)}</strong>${e(rest)}。${e(honour)}${suspended ? suspendedMark : ''}${summary}</li>`,
      );
    }
    parts.push('</ol>');
  });
  parts.push(`<p>${e(wording.period)}。</p>`);
  parts.push(
    `<h2>${e(wording.reportingHeading)}</h2>`,
    `<p>${e(wording.reportingIntro)}</p>`,
    '<ul>',
  );
  for (const l of wording.reporting) parts.push(`<li>${e(l.label)}：${e(l.value)}</li>`);
  parts.push('</ul>', `<h2>${e(wording.rulesHeading)}</h2>`, `<p>${e(c.reportRules)}</p>`);
  parts.push(`<p>${e(c.signature)}<br/>${e(wording.signedOn)}</p>`);
  return parts.join('\n');
}

/** A naming decision's whole text as simple HTML for a feed reader, in the document's order. */
export function decisionFeedHtml(c: DecisionContent, correction?: string): string {
  const e = escapeXml;
  const parts: string[] = [];
  if (correction) parts.push(`<p><strong>${e(correction)}</strong></p>`);
  parts.push(`<p>${e(c.serial)}</p>`, `<h1>${e(c.title)}</h1>`, `<p>${e(c.lead)}</p>`);
  groupByTrack(c.entries).forEach((g, i) => {
    const unit = g.entries[0]!.kind === 'unit' ? '个' : '名';
    parts.push(`<h2>${groupNumeral(i)}、“${e(g.trackName)}”（${g.entries.length}${unit}）</h2>`);
    parts.push('<ol>');
    for (const entry of g.entries) {
      const post = entry.kind === 'individual' ? entry.currentPost || entry.organisation : '';
      parts.push(`<li>${e(entry.name)}${post ? `\u3000${e(post)}` : ''}</li>`);
    }
    parts.push('</ol>');
  });
  parts.push(`<p>${e(c.closing)}</p>`);
  parts.push(`<p>${e(c.signature)}<br/>${e(formatNoticeDate(c.signedOn))}</p>`);
  return parts.join('\n');
}
