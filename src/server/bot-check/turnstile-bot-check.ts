import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { z } from 'zod';
import type { BotCheckResult } from '#src/domain/bot-check/pass-bot-check.ts';
import type { BotCheck, BotCheckRequest } from './bot-check.ts';

export interface TurnstileOptions {
  siteKey: string;
  secretKey: string;
  verifyUrl: string;
  /** Hostnames a token may have been issued on (the site's own). */
  allowedHostnames: string[];
  /** The whole verification, retry included, ends by then: 6 s unless said otherwise. */
  deadlineMs?: number;
}

/** Cloudflare's tokens are at most 2048 characters. */
const maxTokenLength = 2048;

const siteverifyResponse = z.object({
  success: z.boolean(),
  'error-codes': z.array(z.string()).default([]),
  hostname: z.string().optional(),
  action: z.string().optional(),
});

/**
 * Server-side validation against Cloudflare's siteverify. One retry, with the same idempotency
 * key, and only when Cloudflare reports `internal-error` or the network fails; anything
 * unexpected fails closed. The first call may take two thirds of one deadline and the retry
 * what is left of it, so a hanging siteverify keeps a voter waiting at most `deadlineMs`.
 *
 * Every ballot makes this call, so it goes through undici's `request` (kept-alive connections,
 * no WHATWG streams) rather than `fetch`, which spent a tenth of a ballot's time on itself.
 */
export function createTurnstileBotCheck(options: TurnstileOptions): BotCheck {
  const deadlineMs = options.deadlineMs ?? 6000;

  async function callOnce(
    body: URLSearchParams,
    timeoutMs: number,
  ): Promise<z.infer<typeof siteverifyResponse> | 'retry'> {
    try {
      const res = await request(options.verifyUrl, {
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
      const parsed = siteverifyResponse.safeParse(await res.body.json());
      if (!parsed.success) return { success: false, 'error-codes': ['bad-siteverify-response'] };
      if (!parsed.data.success && parsed.data['error-codes'].includes('internal-error'))
        return 'retry';
      return parsed.data;
    } catch {
      return 'retry';
    }
  }

  async function verify({ proof, remoteIp, action }: BotCheckRequest): Promise<BotCheckResult> {
    const deadline = Date.now() + deadlineMs;
    const body = new URLSearchParams({
      secret: options.secretKey,
      response: proof,
      idempotency_key: randomUUID(),
    });
    if (remoteIp && remoteIp !== 'unknown') body.set('remoteip', remoteIp);
    let result = await callOnce(body, (deadlineMs * 2) / 3);
    if (result === 'retry' && deadline - Date.now() > 0) {
      result = await callOnce(body, deadline - Date.now());
    }
    if (result === 'retry') return { ok: false, codes: ['siteverify-unreachable'] };
    if (!result.success) {
      const codes = result['error-codes'];
      // Cloudflare never issued this token: it can never pass, so there is nothing to spend.
      return codes.includes('invalid-input-response')
        ? { ok: false, codes, forged: true }
        : { ok: false, codes };
    }
    if (!result.hostname || !options.allowedHostnames.includes(result.hostname)) {
      return { ok: false, codes: ['hostname-mismatch'] };
    }
    if (result.action !== action) return { ok: false, codes: ['action-mismatch'] };
    return { ok: true };
  }

  return {
    provider: 'turnstile',
    siteKey: options.siteKey,
    proofOf(request) {
      const wellFormed = request.proof.length > 0 && request.proof.length <= maxTokenLength;
      return {
        useKey: wellFormed ? request.proof : null,
        verify: () => verify(request),
      };
    },
  };
}
