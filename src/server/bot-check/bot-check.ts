/** The outcome of a bot check; `codes` are Cloudflare's error codes or our own. */
export type BotCheckResult = { ok: true } | { ok: false; codes: string[] };

export interface BotCheckRequest {
  token: string;
  remoteIp: string;
  /** The widget action the token must have been issued for, e.g. `ballot`. */
  action: string;
}

export interface BotCheck {
  /** `live` talks to siteverify; `test` accepts only Cloudflare's documented dummy token. */
  readonly mode: 'live' | 'test';
  /** Key the pages put in the widget; in test mode, Cloudflare's always-pass test key. */
  readonly siteKey: string;
  verify(request: BotCheckRequest): Promise<BotCheckResult>;
}
