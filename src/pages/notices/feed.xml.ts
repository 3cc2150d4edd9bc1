import type { APIRoute } from 'astro';
import {
  decisionDocument,
  listRevisionFeed,
  noticeDocument,
} from '#src/domain/documents/document-revisions.ts';
import {
  formatNoticeOutcome,
  formatNoticePeriodLine,
  noticeOutcomeHeading,
} from '#src/domain/notices/format-notice-entry.ts';
import { escapeXml } from '#src/render/escape-xml.ts';
import { decisionFeedHtml, noticeFeedHtml } from '#src/render/notice-feed-html.ts';
import { uiFor } from '#src/i18n/ui.ts';

/** How many revisions the feed carries; readers keep what they have already fetched. */
const feedSize = 50;

const escape = escapeXml;

/**
 * Atom 1.0 feed of the notices and the naming decisions: one entry per published revision (the
 * outcome of a publicity and a decision included), so a correction reaches
 * whoever follows the notices as news of its own. Each entry carries the notice's whole text
 * (`content type="html"`) besides its lead (`summary`). Always Simplified Chinese, the notices'
 * language; absolute URLs from the configured public address.
 */
export const GET: APIRoute = async ({ locals }) => {
  const { dbHandle, config } = locals.services;
  const t = uiFor('zh-CN');
  const base = config.publicBaseUrl;
  const abs = (path: string) => new URL(path, base).href;
  const [revisions, decisionRevisions] = await Promise.all([
    listRevisionFeed(dbHandle.db, noticeDocument, { limit: feedSize }),
    listRevisionFeed(dbHandle.db, decisionDocument, { limit: feedSize }),
  ]);
  const noticeEntries = revisions.map((r) => {
    const link = abs(`/notices/${r.slug}/revisions/${r.revision}`);
    const outcome = r.content.outcome
      ? `${noticeOutcomeHeading}：${formatNoticeOutcome(r.content.outcome, r.content.entries).join('')}`
      : '';
    const summary = [
      r.content.serial,
      outcome,
      formatNoticePeriodLine(r.content.periodStart, r.content.periodEnd, r.content.workingDays),
      r.changeNote ? t['notice.feedCorrection'](r.changeNote) : '',
      r.content.lead,
    ]
      .filter((s) => s !== '')
      .join('\n');
    return {
      at: r.publishedAt,
      xml: entryXml({
        link,
        related: abs(`/notices/${r.slug}`),
        title: t['notice.feedEntry'](r.content.title, r.revision),
        publishedAt: r.publishedAt,
        author: r.content.signature,
        summary,
        // The whole notice, names and honours included, readable in any feed reader.
        html: noticeFeedHtml(
          r.content,
          r.changeNote ? t['notice.feedCorrection'](r.changeNote) : '',
        ),
      }),
    };
  });
  // The naming decisions that conclude the selections are news of the same kind.
  const decisionEntries = decisionRevisions.map((r) => {
    const correction = r.changeNote ? t['notice.feedCorrection'](r.changeNote) : '';
    return {
      at: r.publishedAt,
      xml: entryXml({
        link: abs(`/decisions/${r.slug}/revisions/${r.revision}`),
        related: abs(`/decisions/${r.slug}`),
        title: t['decision.feedTitle'](r.content.title, r.revision),
        publishedAt: r.publishedAt,
        author: r.content.signature,
        summary: [r.content.serial, correction, r.content.lead].filter((s) => s !== '').join('\n'),
        html: decisionFeedHtml(r.content, correction),
      }),
    };
  });
  const all = [...noticeEntries, ...decisionEntries]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, feedSize);
  const updated = (all[0]?.at ?? new Date(0)).toISOString();
  const entries = all.map((e) => e.xml);
  const body = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${escape(abs('/notices/feed.xml'))}</id>`,
    `  <title>${escape(t['notice.feedTitle'])}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escape(abs('/notices/feed.xml'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escape(abs('/notices'))}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
  return new Response(body, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  });
};

function entryXml(e: {
  link: string;
  related: string;
  title: string;
  publishedAt: Date;
  author: string;
  summary: string;
  html: string;
}): string {
  return [
    '  <entry>',
    `    <id>${escape(e.link)}</id>`,
    `    <title>${escape(e.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escape(e.link)}"/>`,
    `    <link rel="related" type="text/html" href="${escape(e.related)}"/>`,
    `    <published>${e.publishedAt.toISOString()}</published>`,
    `    <updated>${e.publishedAt.toISOString()}</updated>`,
    `    <author><name>${escape(e.author)}</name></author>`,
    `    <summary type="text">${escape(e.summary)}</summary>`,
    `    <content type="html">${escape(e.html)}</content>`,
    '  </entry>',
  ].join('\n');
}
