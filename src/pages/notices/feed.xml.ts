import type { APIRoute } from 'astro';
import { listNoticeRevisions } from '../../domain/notices/list-notice-revisions.ts';
import {
  formatNoticeOutcome,
  formatNoticePeriodLine,
  noticeOutcomeHeading,
} from '../../domain/notices/format-notice-entry.ts';
import { escapeXml } from '../../components/escape-xml.ts';
import { noticeFeedHtml } from '../../components/notice-feed-html.ts';
import { uiFor } from '../../i18n/ui.ts';

/** How many revisions the feed carries; readers keep what they have already fetched. */
const feedSize = 50;

const escape = escapeXml;

/**
 * Atom 1.0 feed of the notices: one entry per published revision, so a correction reaches
 * whoever follows the notices as news of its own. Each entry carries the notice's whole text
 * (`content type="html"`) besides its lead (`summary`). Always Simplified Chinese, the notices'
 * language; absolute URLs from the configured public address.
 */
export const GET: APIRoute = async ({ locals }) => {
  const { dbHandle, config } = locals.services;
  const t = uiFor('zh-CN');
  const base = config.publicBaseUrl;
  const abs = (path: string) => new URL(path, base).href;
  const revisions = await listNoticeRevisions(dbHandle.db, { limit: feedSize });
  const updated = (revisions[0]?.publishedAt ?? new Date(0)).toISOString();
  const entries = revisions.map((r) => {
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
    return [
      '  <entry>',
      `    <id>${escape(link)}</id>`,
      `    <title>${escape(t['notice.feedEntry'](r.content.title, r.revision))}</title>`,
      `    <link rel="alternate" type="text/html" href="${escape(link)}"/>`,
      `    <link rel="related" type="text/html" href="${escape(abs(`/notices/${r.slug}`))}"/>`,
      `    <published>${r.publishedAt.toISOString()}</published>`,
      `    <updated>${r.publishedAt.toISOString()}</updated>`,
      `    <author><name>${escape(r.content.signature)}</name></author>`,
      `    <summary type="text">${escape(summary)}</summary>`,
      // The whole notice, names and honours included, readable in any feed reader.
      `    <content type="html">${escape(
        noticeFeedHtml(r.content, r.changeNote ? t['notice.feedCorrection'](r.changeNote) : ''),
      )}</content>`,
      '  </entry>',
    ].join('\n');
  });
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
