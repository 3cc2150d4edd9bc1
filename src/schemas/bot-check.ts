import { lineText } from './text.ts';

/** An ALTCHA payload is about 1 KB of base64; a Turnstile token at most 2048 characters. */
const proofSchema = lineText().min(1).max(4096);

/**
 * The bot-check proof of a public write, whichever provider the site uses. `botCheck` is the
 * field; `turnstileToken` is its older name, still accepted for a Turnstile token.
 */
export const botCheckFields = {
  botCheck: proofSchema.optional().meta({
    description:
      'The bot-check proof for this action: the `altcha` widget’s payload (a solved challenge ' +
      'from `GET /api/bot-check/challenge`), or a Cloudflare Turnstile token where the site ' +
      'uses Turnstile. Used once.',
  }),
  turnstileToken: proofSchema.max(2048).optional().meta({
    description: 'Older name of `botCheck`, for a Turnstile token. Send one of the two.',
    deprecated: true,
  }),
};

/** Exactly one of the two fields carries the proof. */
export function hasOneProof(body: { botCheck?: string; turnstileToken?: string }): boolean {
  return (body.botCheck === undefined) !== (body.turnstileToken === undefined);
}

export const oneProofIssue = {
  message: 'send the bot-check proof in botCheck',
  path: ['botCheck'],
};

/** The proof a validated request carries (hasOneProof holds). */
export function proofOfRequest(body: { botCheck?: string; turnstileToken?: string }): string {
  return body.botCheck ?? body.turnstileToken ?? '';
}
