import { createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, randomInt } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/argon2id';
import type { Challenge } from 'altcha-lib/types';
import { z } from 'zod';
import type { BotCheckResult } from '#src/domain/bot-check/pass-bot-check.ts';
import { botCheckActions, type BotCheck, type BotCheckAction } from './bot-check.ts';

export interface AltchaOptions {
  /** The site's secret (SESSION_SECRET); the signing keys are derived from it. */
  secret: string;
  /** Argon2id evaluations a browser makes, on average, to solve one challenge. */
  steps: number;
  /** Memory of one Argon2id evaluation, in KiB. */
  memoryKib: number;
  /** How long a challenge may be solved and sent; five minutes unless said otherwise. */
  ttlMs?: number;
}

export interface AltchaBotCheck extends BotCheck {
  readonly provider: 'altcha';
  /** A signed challenge for `action`, valid for `ttlMs` from `now`. */
  challenge(action: BotCheckAction, now: Date): Promise<Challenge>;
}

/** Only what a solved challenge from our own widget can look like; anything else is refused. */
const payloadSchema = z.object({
  challenge: z.object({
    parameters: z
      .object({
        algorithm: z.literal('ARGON2ID'),
        data: z.object({ action: z.string(), expires: z.number() }).loose(),
      })
      .loose(),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string() }).loose(),
});
type Payload = z.infer<typeof payloadSchema>;

function decode(proof: string): Payload | null {
  if (proof.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(proof)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(proof, 'base64').toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * JSON with every object's keys sorted, as ALTCHA signs a challenge's parameters (altcha-lib's
 * `canonicalJSON`: objects sorted recursively, arrays left in their order).
 */
export function canonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    typeof v !== 'object' || v === null || Array.isArray(v)
      ? v
      : Object.fromEntries(
          Object.keys(v)
            .sort()
            .flatMap((k) => {
              const inner = (v as Record<string, unknown>)[k];
              return inner === undefined ? [] : [[k, sortKeys(inner)]];
            }),
        );
  return JSON.stringify(sortKeys(value));
}

/** The two HMAC keys ALTCHA signs with, derived from the site's secret. */
export function altchaSecrets(secret: string) {
  const key = (purpose: string) =>
    createHmac('sha256', secret).update(`altcha\0${purpose}`).digest('base64url');
  return { hmacSignatureSecret: key('challenge'), hmacKeySignatureSecret: key('derived-key') };
}

/** Whether `signature` (lowercase hex) is the HMAC-SHA256 of `data` under `secret`. */
function hmacEquals(secret: string, data: string | Buffer, signature: string): boolean {
  const expected = createHmac('sha256', secret).update(data).digest();
  const given = Buffer.from(signature, 'hex');
  return (
    given.length === expected.length &&
    given.toString('hex') === signature &&
    timingSafeEqual(given, expected)
  );
}

/**
 * The self-hosted bot check: ALTCHA's v2 proof of work with Argon2id, a memory-hard function, so
 * that a GPU farm gains less over a phone than it would with SHA-256. Nothing leaves the site.
 *
 * Challenges are made in ALTCHA's deterministic mode: the server derives the key at a random
 * counter around `steps` and signs it, so the browser needs about `steps` evaluations (the same
 * for every voter, give or take half) and the server checks a solution with two HMACs, without
 * an evaluation of its own. The action and the expiry live in the signed data: a challenge made
 * for reports cannot send a ballot, and one past its expiry (on the site's clock) is refused.
 * Single use is held by the database (withBotCheck), keyed on the challenge's signature.
 */
export function createAltchaBotCheck(options: AltchaOptions): AltchaBotCheck {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const { hmacSignatureSecret, hmacKeySignatureSecret } = altchaSecrets(options.secret);
  const low = Math.max(1, Math.ceil(options.steps / 2));
  const high = Math.max(low, Math.floor((options.steps * 3) / 2));

  /**
   * ALTCHA v2's check of a solution to a challenge made in deterministic mode (the library's
   * `verifySolution`, steps "signature" and "key signature"), with Node's synchronous HMAC:
   * the library's check goes through WebCrypto, whose four round trips to the thread pool per
   * ballot took a tenth of a second under load (README, "Vote integrity"). The two agree on
   * every payload (test/unit/altcha-verify.test.ts). A challenge without a key signature is not
   * one of ours, and is refused without deriving a key.
   */
  function verify(payload: Payload, action: BotCheckAction, now: Date): BotCheckResult {
    const { parameters, signature } = payload.challenge;
    if (!hmacEquals(hmacSignatureSecret, canonicalJson(parameters), signature)) {
      return { ok: false, codes: ['invalid-signature'], forged: true };
    }
    const { derivedKey, counter } = payload.solution;
    const keySignature = parameters.keySignature;
    if (
      typeof keySignature !== 'string' ||
      typeof derivedKey !== 'string' ||
      !/^(?:[0-9a-f]{2})+$/.test(derivedKey) ||
      !(Number.isInteger(counter) && counter >= 0 && counter <= 0xffffffff) ||
      !hmacEquals(hmacKeySignatureSecret, Buffer.from(derivedKey, 'hex'), keySignature)
    ) {
      return { ok: false, codes: ['invalid-solution'] };
    }
    // Both are signed, so they are ours; checked after the signature for that reason.
    const { data } = parameters;
    if (data.action !== action) return { ok: false, codes: ['action-mismatch'] };
    if (data.expires * 1000 < now.getTime()) return { ok: false, codes: ['challenge-expired'] };
    return { ok: true };
  }

  return {
    provider: 'altcha',
    async challenge(action, now) {
      if (!botCheckActions.includes(action)) throw new Error(`unknown action ${String(action)}`);
      return createChallenge({
        algorithm: 'ARGON2ID',
        cost: 1,
        memoryCost: options.memoryKib,
        parallelism: 1,
        counter: randomInt(high, low),
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
        // The site's clock decides expiry, not ALTCHA's own `expiresAt` (which reads the
        // machine's clock): tests and drills move the site's clock.
        data: { action, expires: Math.floor((now.getTime() + ttlMs) / 1000) },
      });
    },
    proofOf({ proof, action, now }) {
      const payload = decode(proof);
      return {
        useKey: payload ? `altcha:${payload.challenge.signature}` : null,
        verify: () =>
          Promise.resolve(
            payload ? verify(payload, action, now) : { ok: false, codes: ['malformed-proof'] },
          ),
      };
    },
  };
}
