import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../helpers/site-process.ts';

const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('the V8 flags the production server runs with', () => {
  it.each(['start', 'serve'])(
    'are the same in `npm run %s` as in the tests and benchmarks',
    (name) => {
      const command = scripts[name]!.split('&&').at(-1)!.trim();
      expect(command).toBe(`node ${serverNodeFlags.join(' ')} src/server/main.ts`);
    },
  );
});
