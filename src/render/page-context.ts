import { contentLang } from '#src/i18n/localize-content.ts';
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
