import type { PaperInvalidReason } from '#src/schemas/enums.ts';

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
