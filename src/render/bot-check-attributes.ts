import type { Locale } from '../i18n/locales.ts';
import { uiFor } from '../i18n/ui.ts';
import type { BotCheck, BotCheckAction } from '../server/bot-check/bot-check.ts';

/** Turnstile's and ALTCHA's own language codes. */
const widgetLanguage: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

/**
 * What a form that sends through the bot check tells its script (src/scripts/bot-check-widget.ts):
 * the provider, the action, Turnstile's site key, and the widget's texts in the page's language.
 */
export function botCheckAttributes(
  botCheck: BotCheck,
  locale: Locale,
  action: BotCheckAction,
): Record<string, string> {
  const t = uiFor(locale);
  // ALTCHA's string table; the code-challenge strings are never shown (no code challenges).
  const strings = {
    label: t['botCheck.label'],
    verify: t['botCheck.verify'],
    verifying: t['botCheck.verifying'],
    verified: t['botCheck.verified'],
    error: t['botCheck.error'],
    expired: t['botCheck.expired'],
    verificationRequired: t['botCheck.required'],
    waitAlert: t['botCheck.verifying'],
    loading: t['botCheck.loading'],
    reload: t['botCheck.reload'],
    footer: '',
    ariaLinkLabel: '',
  };
  return {
    'data-bot-provider': botCheck.provider,
    'data-bot-action': action,
    'data-sitekey': botCheck.siteKey ?? '',
    'data-bot-language': widgetLanguage[locale],
    'data-bot-strings': JSON.stringify(strings),
  };
}
