import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels } from '#src/i18n/audit-text.ts';

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

describe('the audit log in staff words', () => {
  it('has a Chinese label for every action the code records', () => {
    // Audit actions are written `area.verb`; bot-check actions (`ballot`, `login`) are not.
    const recorded = new Set(
      sources('src').flatMap((text) =>
        [
          ...text.matchAll(
            /action: (?:[^\n]*\? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g,
          ),
        ].flatMap((m) => [m[1]!, ...(m[2] ? [m[2]] : [])]),
      ),
    );
    expect(recorded.size).toBeGreaterThan(30);
    expect([...recorded].filter((a) => !auditActionLabels[a])).toEqual([]);
  });
});
