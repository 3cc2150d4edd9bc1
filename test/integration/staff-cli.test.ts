import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { auditLog, staffUser } from '#src/db/schema/index.ts';
import { verifyPassword } from '#src/domain/staff/password.ts';
import { makeStaffUser } from '../helpers/staff.ts';
import { testSecret } from '../helpers/test-api.ts';

/**
 * The command line as an operator runs it: a separate Node process on a database file, the
 * password piped in on standard input. Accounts the CLI only acts on are made by the factory,
 * so each test stands on its own.
 */
let dir: string;
let url: string;
let handle: DbHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'honour-roll-cli-'));
  url = `file:${join(dir, 'cli.db')}`;
  handle = await createDb({ url });
  await applyMigrations(handle.db);
});
afterAll(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], stdin = '', databaseUrl = url): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['db/staff-cli.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, SESSION_SECRET: testSecret, DATA_DIR: dir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function accountOf(email: string) {
  const [row] = await handle.db.select().from(staffUser).where(eq(staffUser.email, email));
  return row;
}

const password = 'tea garden by the lake';

describe('npm run staff', () => {
  it('adds an account on a new database, with the password from standard input, and lists it', async () => {
    // A database file of its own: the CLI applies the migrations before anything else.
    const fresh = `file:${join(dir, 'fresh.db')}`;
    const add = await cli(
      ['add', '--email', 'Zhou.Min@Example.CN', '--role', 'editor', '--name', '周敏'],
      `${password}\n`,
      fresh,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('zhou.min@example.cn');

    const list = await cli(['list'], '', fresh);
    expect(list.code).toBe(0);
    const line = list.stdout.split('\n').find((l) => l.includes('zhou.min@example.cn'));
    expect(line).toMatch(/editor\s+active/);
    expect(line).toContain('周敏');
    expect(list.stdout).not.toContain('scrypt');

    const other = await createDb({ url: fresh });
    try {
      const [row] = await other.db
        .select()
        .from(staffUser)
        .where(eq(staffUser.email, 'zhou.min@example.cn'));
      // Hashed at the full cost; the piped password, without its line ending, is the one kept.
      expect(row!.passwordHash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(await verifyPassword(password, row!.passwordHash)).toBe(true);
      const [audit] = await other.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(row!.id)));
      expect(audit).toMatchObject({ action: 'staff.create', actorId: null });
    } finally {
      other.close();
    }
  });

  it('names the account after the email when no --name is given', async () => {
    const add = await cli(
      ['add', '--email', 'chen.gang@example.cn', '--role', 'auditor'],
      password,
    );
    expect(add.code).toBe(0);
    expect(await accountOf('chen.gang@example.cn')).toMatchObject({
      displayName: 'chen.gang',
      role: 'auditor',
    });
  });

  it('refuses a duplicate email in any letter case', async () => {
    const existing = await makeStaffUser(handle.db);
    const run = await cli(
      ['add', '--email', existing.email.toUpperCase(), '--role', 'admin'],
      `${password}\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already exists');
    expect(await accountOf(existing.email)).toMatchObject({ role: existing.role });
  });

  it('refuses a short password and creates nothing', async () => {
    const run = await cli(
      ['add', '--email', 'short@example.cn', '--role', 'editor'],
      'elevenchars\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('at least 12 characters');
    expect(await accountOf('short@example.cn')).toBeUndefined();
  });

  it('takes no password on the command line', async () => {
    for (const args of [
      ['--password', 'a long enough password'],
      ['--password=a long enough password'],
    ]) {
      const run = await cli(['add', '--email', 'argv@example.cn', '--role', 'editor', ...args]);
      expect(run.code).toBe(64);
      expect(run.stderr).toContain('There is no --password option');
    }
    // Nor as a stray argument; and with nothing on standard input there is no password at all.
    const positional = await cli([
      'add',
      '--email',
      'argv@example.cn',
      '--role',
      'editor',
      'a long enough password',
    ]);
    expect(positional.code).toBe(64);
    const empty = await cli(['add', '--email', 'argv@example.cn', '--role', 'editor']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No password on standard input');
    expect(await accountOf('argv@example.cn')).toBeUndefined();
  });

  it('refuses unknown commands, unknown roles and missing options with a usage message', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'Unknown command "frobnicate"'],
      [[], 'No command given'],
      [
        ['add', '--email', 'r@example.cn', '--role', 'boss'],
        'choose one of: admin, editor, monitor, auditor',
      ],
      [['add', '--role', 'editor'], '"add" needs --email'],
      [['add', '--email', 'not-an-email', '--role', 'editor'], 'not a valid email address'],
      [['list', '--email', 'x@example.cn'], '"list" takes no --email'],
      [['disable'], '"disable" needs --email'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, `${password}\n`);
      expect(run.code).toBe(64);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: npm run staff');
    }
    expect(await accountOf('r@example.cn')).toBeUndefined();
  });

  it('disables an account, once', async () => {
    const user = await makeStaffUser(handle.db, { role: 'monitor' });
    const disable = await cli(['disable', '--email', user.email.toUpperCase()]);
    expect(disable.code).toBe(0);
    expect((await accountOf(user.email))!.disabledAt).toBeInstanceOf(Date);
    const list = await cli(['list']);
    const line = list.stdout.split('\n').find((l) => l.includes(user.email));
    expect(line).toMatch(/monitor\s+disabled/);
    const again = await cli(['disable', '--email', user.email]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already disabled');
  });

  it('resets a password, and refuses an unknown account', async () => {
    const user = await makeStaffUser(handle.db);
    const reset = await cli(
      ['reset-password', '--email', user.email],
      'a new long passphrase\r\nthe second line is ignored\n',
    );
    expect(reset.code).toBe(0);
    const row = await accountOf(user.email);
    expect(await verifyPassword('a new long passphrase', row!.passwordHash)).toBe(true);
    expect(await verifyPassword(user.password, row!.passwordHash)).toBe(false);

    const unknown = await cli(
      ['reset-password', '--email', 'nobody@example.cn'],
      'a new long passphrase\n',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no staff account');
  });

  it('resets a lost second factor: the list shows who still needs one', async () => {
    const user = await makeStaffUser(handle.db, { role: 'admin' });
    const before = await cli(['list']);
    expect(before.stdout.split('\n').find((l) => l.includes(user.email))).toMatch(
      /admin\s+active\s+on/,
    );
    const reset = await cli(['reset-2fa', '--email', user.email]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Two-step verification reset');
    const row = await accountOf(user.email);
    expect(row!.totpSecret).toBeNull();
    const after = await cli(['list']);
    expect(after.stdout.split('\n').find((l) => l.includes(user.email))).toMatch(
      /admin\s+active\s+NEEDED/,
    );
    const again = await cli(['reset-2fa', '--email', user.email]);
    expect(again.stdout).toContain('had no two-step verification');
    const unknown = await cli(['reset-2fa', '--email', 'nobody@example.cn']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no staff account');
    const noEmail = await cli(['reset-2fa']);
    expect(noEmail.code).toBe(64);
  });
});
