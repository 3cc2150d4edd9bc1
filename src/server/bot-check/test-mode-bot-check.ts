import type { BotCheck } from './bot-check.ts';

/** Cloudflare's documented dummy token, what test site keys hand out. */
export const dummyTurnstileToken = 'XXXX.DUMMY.TOKEN.XXXX';
/** Cloudflare's documented test site key that always passes. */
export const alwaysPassesSiteKey = '1x00000000000000000000AA';

/**
 * Used when no Turnstile keys are configured (a demo or a developer's machine). It accepts only
 * the dummy token and never calls out, so a site without keys is visibly unprotected: the
 * start-up log and every page that sends a ballot say so.
 */
export function createTestModeBotCheck(): BotCheck {
  return {
    mode: 'test',
    siteKey: alwaysPassesSiteKey,
    async verify({ token }) {
      return token === dummyTurnstileToken
        ? { ok: true }
        : { ok: false, codes: ['invalid-input-response'] };
    },
  };
}
