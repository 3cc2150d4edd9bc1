/**
 * The words of the vote's countdown, shared by the server (which renders them) and the page
 * script (which keeps them current), so both write exactly the same text. No DOM, no imports:
 * this module ends up in the page.
 */

/** Interface text the countdown is made of, each unit as [one, other] with `{n}` for the number. */
export interface CountdownTemplates {
  /** `距投票截止还有 {span}` */
  lead: string;
  /** Between the two units of a span. */
  and: string;
  days: [string, string];
  hours: [string, string];
  minutes: [string, string];
  /** Shown once the close has passed. */
  closed: string;
}

type Unit = 'days' | 'hours' | 'minutes';

/**
 * What is left, in at most two units: days and hours, then hours and minutes in the last day,
 * then minutes. Minutes are rounded up, so the text never says no time is left while the vote
 * is still open. Null once the close has passed.
 */
function countdownParts(msLeft: number): [Unit, number][] | null {
  if (msLeft <= 0) return null;
  const totalMinutes = Math.ceil(msLeft / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0)
    return [
      ['days', days],
      ['hours', hours],
    ];
  if (hours > 0)
    return [
      ['hours', hours],
      ['minutes', minutes],
    ];
  return [['minutes', minutes]];
}

export function countdownText(msLeft: number, t: CountdownTemplates, locale: string): string {
  const parts = countdownParts(msLeft);
  if (!parts) return t.closed;
  const plural = new Intl.PluralRules(locale);
  const span = parts
    .map(([unit, n]) => {
      const [one, other] = t[unit];
      return (plural.select(n) === 'one' ? one : other).replace('{n}', String(n));
    })
    .join(t.and);
  return t.lead.replace('{span}', span);
}

/** Milliseconds until the text next changes (a whole minute of the time left has passed). */
export function msUntilNextChange(msLeft: number): number {
  const rest = msLeft % 60_000;
  return rest > 0 ? rest : 60_000;
}
