import type { VoteChannel } from '#src/schemas/enums.ts';

/**
 * The weighted score of a candidate: Σ weight × votes ÷ counted over the channels (weights in
 * percent, so the score reads as points out of 100), rounded half up to four decimals. Exact
 * rational arithmetic in integers, so anyone recomputing it from the published figures gets the
 * same digits. A channel without counted ballots adds nothing.
 */
export function combineChannelVotes(
  terms: { channel: VoteChannel; weight: number; votes: number; counted: number }[],
): string {
  let num = 0n;
  let den = 1n;
  for (const t of terms) {
    if (t.counted <= 0 || t.weight === 0) continue;
    // num/den + w·v/c
    num = num * BigInt(t.counted) + BigInt(t.weight) * BigInt(t.votes) * den;
    den = den * BigInt(t.counted);
  }
  const scaled = (2n * num * 10_000n + den) / (2n * den);
  return `${scaled / 10_000n}.${String(scaled % 10_000n).padStart(4, '0')}`;
}
