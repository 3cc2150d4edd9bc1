import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startSite, stopSite } from '../helpers/site-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Builds the site and starts the production server on a fresh database and a free port, as
 * `npm start` would, so the browser tests see exactly what users see.
 */
export default async function setup(project: TestProject) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) throw new Error('npm run build failed');

  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-e2e-'));
  const port = await freePort();
  const site = await startSite(
    {
      DATA_DIR: dir,
      DATABASE_URL: `file:${join(dir, 'e2e.db')}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
    port,
  );
  project.provide('baseUrl', site.baseUrl);

  return async () => {
    await stopSite(site);
    rmSync(dir, { recursive: true, force: true });
  };
}
