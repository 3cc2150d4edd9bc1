import fc from 'fast-check';
import { verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/argon2id';
import type { Challenge } from 'altcha-lib/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { altchaSecrets, canonicalJson } from '#src/server/bot-check/altcha-bot-check.ts';
import { cheapAltcha, solveAltcha } from '../helpers/bot-proof.ts';

const secret = 'unit-secret-unit-secret-unit-secret-0123';
const check = cheapAltcha(secret);
const now = new Date('2026-11-20T04:00:00Z');
let genuine: string;

beforeAll(async () => {
  genuine = await solveAltcha(await check.challenge('ballot', now));
});

const decode = (proof: string) =>
  JSON.parse(Buffer.from(proof, 'base64').toString()) as {
    challenge: Challenge;
    solution: { counter: unknown; derivedKey: unknown };
  };
const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

/** What altcha-lib's own check says of a payload: passes, or refuses its signature or solution. */
async function libraryVerdict(proof: string): Promise<string> {
  const { challenge, solution } = decode(proof);
  try {
    const result = await verifySolution({
      challenge,
      solution: solution as { counter: number; derivedKey: string },
      deriveKey,
      ...altchaSecrets(secret),
    });
    if (result.verified) return 'ok';
    return result.invalidSignature ? 'invalid-signature' : 'invalid-solution';
  } catch {
    return 'invalid-solution';
  }
}

async function ourVerdict(proof: string): Promise<string> {
  const result = await check.proofOf({ proof, remoteIp: '', action: 'ballot', now }).verify();
  return result.ok ? 'ok' : result.codes[0]!;
}

describe('the synchronous ALTCHA check', () => {
  it('signs parameters as altcha-lib does: keys sorted at every depth, arrays kept in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"z":1,"y":2}]},"b":1}',
    );
  });

  it('passes a genuine solution, as altcha-lib does', async () => {
    expect(await ourVerdict(genuine)).toBe('ok');
    expect(await libraryVerdict(genuine)).toBe('ok');
  });

  it('agrees with altcha-lib on 300 payloads with one part replaced', async () => {
    const parts = [
      ['challenge', 'signature'],
      ['challenge', 'parameters', 'nonce'],
      ['challenge', 'parameters', 'salt'],
      ['challenge', 'parameters', 'cost'],
      ['challenge', 'parameters', 'keyPrefix'],
      ['challenge', 'parameters', 'keySignature'],
      ['challenge', 'parameters', 'data', 'expires'],
      ['solution', 'counter'],
      ['solution', 'derivedKey'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...parts),
        fc.oneof(
          fc.integer(),
          fc.double(),
          fc.string(),
          fc.stringMatching(/^[0-9a-fA-F]{0,66}$/),
          fc.constant(null),
        ),
        async (path, value) => {
          const payload = decode(genuine) as unknown as Record<string, unknown>;
          let at = payload;
          for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
          at[path.at(-1)!] = value;
          const proof = encode(payload);
          const ours = await ourVerdict(proof);
          // Ours refuses early what its schema does not take (malformed-proof); altcha-lib refuses it too.
          if (ours === 'malformed-proof') expect(await libraryVerdict(proof)).not.toBe('ok');
          else expect(ours).toBe(await libraryVerdict(proof));
        },
      ),
      { numRuns: 300 },
    );
  });
});
