import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { staffRoles, type StaffRole } from '../../src/schemas/enums.ts';
import { freePort, root, startSite, stopSite } from '../helpers/site-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The site's database, for tests that set up a stage the demo does not have. */
    databaseUrl: string;
    /** One account per role, made with the command line as an operator would. */
    staff: Record<StaffRole, { email: string; password: string }>;
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
  project.provide('databaseUrl', site.env.DATABASE_URL!);

  const staff = {} as Record<StaffRole, { email: string; password: string }>;
  for (const role of staffRoles) {
    const account = { email: `${role}@e2e.example.cn`, password: randomBytes(12).toString('hex') };
    const add = spawnSync(
      process.execPath,
      ['db/staff-cli.ts', 'add', '--email', account.email, '--role', role, '--name', `测试${role}`],
      { cwd: root, input: `${account.password}\n`, env: { ...process.env, ...site.env } },
    );
    if (add.status !== 0) throw new Error(`staff add failed: ${add.stderr.toString()}`);
    staff[role] = account;
  }
  project.provide('staff', staff);

  return async () => {
    await stopSite(site);
    rmSync(dir, { recursive: true, force: true });
  };
}
