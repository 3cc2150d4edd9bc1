import {
  formatNoticeDate,
  formatNoticeEntry,
  formatNoticeHonour,
  formatNoticeOutcome,
  formatNoticePeriodLine,
  noticeOutcomeHeading,
  formatReportingLines,
  noticeReportingIntro,
  noticeWording,
} from '../domain/notices/format-notice-entry.ts';
import type { DecisionContent } from '../schemas/decision-content.ts';
import type { NoticeContent } from '../schemas/notice-content.ts';
import { groupByTrack, groupNumeral } from './document-groups.ts';
import { escapeXml } from './escape-xml.ts';

/**
 * A notice's whole text as simple HTML for a feed reader (Atom `content type="html"`): the
 * serial, title, lead, every entry with its facts and honour, the period, how to report, the
 * rules and the signature, in the order of the document. Headings, paragraphs and lists only:
 * feed readers drop styles and scripts anyway. Photos stay on the site.
 */
export function noticeFeedHtml(c: NoticeContent, correction?: string): string {
  const e = escapeXml;
  const parts: string[] = [];
  if (correction) parts.push(`<p><strong>${e(correction)}</strong></p>`);
  parts.push(`<p>${e(c.serial)}</p>`, `<h1>${e(c.title)}</h1>`);
  if (c.outcome) {
    parts.push(`<h2>${e(noticeOutcomeHeading)}（${e(formatNoticeDate(c.outcome.statedOn))}）</h2>`);
    for (const p of formatNoticeOutcome(c.outcome, c.entries)) parts.push(`<p>${e(p)}</p>`);
  }
  parts.push(`<p>${e(c.lead)}</p>`);
  const suspended = new Set(c.outcome?.suspended ?? []);
  groupByTrack(c.entries).forEach((g, i) => {
    const unit = g.entries[0]!.kind === 'unit' ? '个' : '名';
    parts.push(`<h2>${groupNumeral(i)}、${e(g.trackName)}（${g.entries.length}${unit}）</h2>`);
    parts.push('<ol>');
    for (const entry of g.entries) {
      const sentence = formatNoticeEntry(entry);
      const rest = sentence.slice(entry.name.length);
      const summary =
        c.showSummaries && entry.summary
          ? `<br/>${e(noticeWording.summary)}：${e(entry.summary)}`
          : '';
      parts.push(
        `<li><strong>${e(entry.name)}</strong>${e(rest)}。${e(formatNoticeHonour(entry))}${suspended.has(entry.candidateId) ? '（暂缓命名）' : ''}${summary}</li>`,
      );
    }
    parts.push('</ol>');
  });
  parts.push(`<p>${e(formatNoticePeriodLine(c.periodStart, c.periodEnd, c.workingDays))}。</p>`);
  parts.push(`<h2>${e(noticeWording.reporting)}</h2>`, `<p>${e(noticeReportingIntro)}</p>`, '<ul>');
  for (const l of formatReportingLines(c)) parts.push(`<li>${e(l.label)}：${e(l.value)}</li>`);
  parts.push('</ul>', `<h2>${e(noticeWording.rules)}</h2>`, `<p>${e(c.reportRules)}</p>`);
  parts.push(`<p>${e(c.signature)}<br/>${e(formatNoticeDate(c.signedOn))}</p>`);
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
