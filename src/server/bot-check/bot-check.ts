import type { BotCheckProof } from '#src/domain/bot-check/pass-bot-check.ts';

/**
 * The actions a proof is issued for; a proof for one is refused for the others. `login` is
 * asked of a staff login after repeated failures on its account.
 */
export const botCheckActions = ['ballot', 'report', 'login'] as const;
export type BotCheckAction = (typeof botCheckActions)[number];

export interface BotCheckRequest {
  /** What the widget produced: a Turnstile token or an ALTCHA payload. */
  proof: string;
  remoteIp: string;
  action: BotCheckAction;
  now: Date;
}

/**
 * The port every bot check plugs into: Cloudflare Turnstile, the self-hosted ALTCHA proof of
 * work, or a domestic commercial captcha added the same way. It only judges a proof; making it
 * single-use is the domain's job (pass-bot-check.ts), the same for every provider.
 */
export interface BotCheck {
  readonly provider: 'altcha' | 'turnstile';
  /** Turnstile's site key, which the pages put in the widget. */
  readonly siteKey?: string;
  /**
   * A signed challenge for the widget to solve (a self-hosted proof of work); providers whose
   * widget gets its challenge elsewhere have none.
   */
  challenge?(action: BotCheckAction, now: Date): Promise<object>;
  /** What the domain needs to judge and spend this proof. */
  proofOf(request: BotCheckRequest): BotCheckProof;
}
