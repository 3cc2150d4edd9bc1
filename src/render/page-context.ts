import { findCampaign } from '#src/domain/campaigns/find-campaign.ts';
import { contentLang, localizeCampaign, localizeTrack } from '#src/i18n/localize-content.ts';
import { uiFor } from '#src/i18n/ui.ts';

/**
 * What a public page renders with: the database, the clock and the configuration of the running
 * site, the reader's locale with its interface texts (`t`), the language of the content shown in
 * it (`lang`, Chinese on English pages), and whether staff asked for a preview.
 */
export function pageContext(locals: App.Locals) {
  const { dbHandle, clock, config } = locals.services;
  const { locale, preview } = locals;
  return {
    db: dbHandle.db,
    clock,
    config,
    locale,
    preview,
    t: uiFor(locale),
    lang: contentLang(locale),
  };
}

/**
 * The campaign a page under `/campaigns/[slug]` shows: its detail, the campaign and its tracks as
 * the reader reads them, and the campaign page's path. Null when there is none (the page's 404).
 */
export async function findCampaignPage(locals: App.Locals, slug: string | undefined) {
  const { db, locale } = pageContext(locals);
  const detail = await findCampaign(db, slug ?? '');
  if (!detail) return null;
  const campaign = localizeCampaign(detail.campaign, locale);
  return {
    detail,
    campaign,
    tracks: detail.tracks.map((tr) => localizeTrack(tr, locale)),
    base: `/campaigns/${campaign.slug}`,
  };
}
