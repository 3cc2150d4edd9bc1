import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { totpCodeAt } from '#src/domain/staff/second-factor-codes.ts';
import { secondFactorRequiredRoles, staffRoles, type StaffRole } from '#src/schemas/enums.ts';
import { freePort, root, startSite, stopSite } from '../helpers/site-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The site's database, for tests that set up a stage the demo does not have. */
    databaseUrl: string;
    /**
     * One account per role, made with the command line as an operator would. Admin and monitor
     * have set up their second factor (`totpSecret`) and have a browser remembered after a
     * second-factor login (`deviceCookie`, the value of `staff_device`): signInAs gives a
     * context that cookie, so it logs in with the password as that browser would.
     */
    staff: Record<StaffRole, E2eStaffAccount>;
  }
}

export interface E2eStaffAccount {
  email: string;
  password: string;
  totpSecret?: string;
  deviceCookie?: string;
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

  const staff = {} as Record<StaffRole, E2eStaffAccount>;
  for (const role of staffRoles) {
    const account = { email: `${role}@e2e.example.cn`, password: randomBytes(12).toString('hex') };
    const add = spawnSync(
      process.execPath,
      ['db/staff-cli.ts', 'add', '--email', account.email, '--role', role, '--name', `测试${role}`],
      { cwd: root, input: `${account.password}\n`, env: { ...process.env, ...site.env } },
    );
    if (add.status !== 0) throw new Error(`staff add failed: ${add.stderr.toString()}`);
    staff[role] = secondFactorRequiredRoles.includes(role)
      ? { ...account, ...(await setUpSecondFactor(site.baseUrl, account)) }
      : account;
  }
  project.provide('staff', staff);

  return async () => {
    await stopSite(site);
    rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * What a new admin or monitor does at the first login, through the API: sets up an app (whose
 * codes this computes), then logs in with a recovery code ticking "remember this device".
 */
async function setUpSecondFactor(
  baseUrl: string,
  account: { email: string; password: string },
): Promise<{ totpSecret: string; deviceCookie: string }> {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const send = () =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    // A kept-alive connection left idle while the command line ran can be closed by the
    // server just as it is reused ("other side closed"): such a request never arrived.
    try {
      return await send();
    } catch {
      return send();
    }
  };
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${name}=`));
  const login = await post('/api/staff/session', account);
  if (login.status !== 200) throw new Error(`e2e login failed: ${login.status}`);
  const session = {
    cookie: cookieOf(login, 'staff')!,
    'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const setup = await post(
    '/api/staff/second-factor/setup',
    { currentPassword: account.password },
    session,
  );
  const { secret } = (await setup.json()) as { secret: string };
  const confirm = await post(
    '/api/staff/second-factor',
    { code: totpCodeAt(secret, new Date()) },
    session,
  );
  if (confirm.status !== 200) throw new Error(`e2e second factor failed: ${confirm.status}`);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  const remembered = await post('/api/staff/session', {
    ...account,
    secondFactorCode: recoveryCodes[0],
    rememberDevice: true,
  });
  const device = cookieOf(remembered, 'staff_device');
  if (remembered.status !== 200 || !device) throw new Error('e2e remembered device failed');
  return { totpSecret: secret, deviceCookie: device.slice('staff_device='.length) };
}
