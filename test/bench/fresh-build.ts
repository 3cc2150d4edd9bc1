/**
 * The pages run from the Astro build, which bundles the domain verbs they call: a benchmark run
 * on a build older than src/ would measure the old queries. So the build is redone when any file
 * under src/ (or the Astro configuration) is newer than it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers/site-process.ts';

const entry = join(root, 'dist/server/entry.mjs');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, name)));
  return newest;
}

function buildTime(): number | undefined {
  try {
    return statSync(entry).mtimeMs;
  } catch {
    return undefined;
  }
}

export async function ensureFreshBuild(): Promise<void> {
  const built = buildTime();
  const sources = Math.max(
    newestChange(join(root, 'src')),
    newestChange(join(root, 'astro.config.mjs')),
  );
  if (built !== undefined && built >= sources) return;
  console.log(
    built === undefined
      ? 'No build found (dist/server/entry.mjs): running `npm run build` first.'
      : 'The build is older than src/: running `npm run build` first.',
  );
  await new Promise<void>((done, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : reject(new Error(`npm run build failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
