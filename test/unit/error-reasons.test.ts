import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '#src/i18n/error-messages.ts';
import { locales } from '#src/i18n/locales.ts';

/** Every TypeScript file under src, read as text. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
}

/**
 * The codes and reasons written as literals in `new DomainError(…)`: everything quoted before the
 * details object or the closing parenthesis (a ternary names both of its reasons).
 */
function thrownReasons(): Set<string> {
  const found = new Set<string>();
  for (const text of sources('src')) {
    for (const call of text.matchAll(/new DomainError\(([^{)]*)/g)) {
      // Not the values a ternary compares with (`state === 'closed' ? … : …`).
      const args = call[1]!.replace(/[!=]==\s*'[^']*'/g, '');
      for (const literal of args.matchAll(/'([a-z][a-z0-9_]*)'/g)) found.add(literal[1]!);
    }
  }
  return found;
}

describe('error reasons', () => {
  const reasons = thrownReasons();

  it('are found in the code', () => {
    expect(reasons.size).toBeGreaterThan(100);
    expect(reasons).toContain('report_already_concluded');
    expect(reasons).toContain('voting_closed');
  });

  it.each(locales)(
    'each have a message of their own in %s, never the fallback for errors',
    (locale) => {
      const fallback = errorMessage(locale, 'internal', 'internal');
      // Messages are called without their details here: one that needs a date throws, and so
      // shows it is the reason's own.
      const ownMessage = (reason: string) => {
        try {
          return errorMessage(locale, reason, 'internal') !== fallback;
        } catch {
          return true;
        }
      };
      const missing = [...reasons].filter((r) => r !== 'internal' && !ownMessage(r));
      expect(missing).toEqual([]);
    },
  );
});
