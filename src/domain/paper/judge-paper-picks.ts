import type { PaperInvalidReason } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';

/**
 * Whether a ballot's marks make it valid under the track's pick rule, and if not, why. The
 * teller types what is marked; the rule, not the teller, decides validity.
 */
export function judgePaperPicks(
  picks: readonly number[],
  rule: { minPicks: number; maxPicks: number },
  unreadable: boolean,
): PaperInvalidReason | null {
  if (unreadable) return 'unreadable';
  if (picks.length === 0) return 'none';
  if (picks.length > rule.maxPicks) return 'too_many';
  if (picks.length < rule.minPicks) return 'too_few';
  return null;
}

/**
 * The candidate numbers a ballot is marked with, ascending, as typed from the paper: each at
 * most once and each printed on the batch's ballot (`pick_repeated`, `pick_not_on_ballot`).
 */
export function readMarkedPicks(
  marked: readonly number[],
  printed: readonly { number: number }[],
): number[] {
  const picks = [...marked].sort((x, y) => x - y);
  if (new Set(picks).size !== picks.length) {
    throw new DomainError('invalid_request', 'pick_repeated');
  }
  const numbers = new Set(printed.map((c) => c.number));
  const stray = picks.find((n) => !numbers.has(n));
  if (stray !== undefined) {
    throw new DomainError('invalid_request', 'pick_not_on_ballot', { number: stray });
  }
  return picks;
}
