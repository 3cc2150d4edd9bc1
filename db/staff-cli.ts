/**
 * `npm run staff -- <command>`: staff accounts from the command line, for the first admin
 * account and for when nobody can log in. Acts as the system: audit rows have no actor.
 *
 * Passwords never appear in the arguments (they would sit in the shell history and in `ps` for
 * every user of the machine): they are read from standard input when it is not a terminal,
 * otherwise asked for twice without echo.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { isDomainError } from '#src/domain/errors.ts';
import { checkPasswordPolicy } from '#src/domain/staff/password.ts';
import { errorMessage } from '#src/i18n/error-messages.ts';
import { secondFactorRequiredRoles, staffRoles } from '#src/schemas/enums.ts';
import { passwordMinLength, staffEmailSchema } from '#src/schemas/staff.ts';

const usage = `Usage: npm run staff -- <command> [options]

Commands:
  add --email <email> --role <role> [--name <display name>]
                                   create an account (the name defaults to the email's local part)
  list                             list every account
  disable --email <email>          disable an account and end its sessions
  reset-password --email <email>   set a new password and end the account's sessions
  reset-2fa --email <email>        forget the account's authenticator app and recovery codes
                                   (lost phone) and end its sessions; an admin or monitor is
                                   asked to set up a new app at the next login

Roles: ${staffRoles.join(', ')}.

The password is read from standard input when it is not a terminal (its first line), and
otherwise asked for twice without echo. It is never taken from the command line. From a
password manager, for example:
  pass show staff/a | npm run staff -- add --email a@example.cn --role editor`;

/** sysexits.h: EX_USAGE for a wrong command line; 1 for a refusal (duplicate, short password…). */
const exitUsage = 64;
const exitRefused = 1;
const exitCancelled = 130;

class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = exitRefused) {
    super(message);
    this.exitCode = exitCode;
  }
}

const commands = {
  add: { required: ['email', 'role'], optional: ['name'] },
  list: { required: [], optional: [] },
  disable: { required: ['email'], optional: [] },
  'reset-password': { required: ['email'], optional: [] },
  'reset-2fa': { required: ['email'], optional: [] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;
type Command = keyof typeof commands;

interface Invocation {
  command: Command;
  email?: string;
  role?: string;
  name?: string;
}

function parseInvocation(argv: string[]): Invocation | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    if (argv.some((a) => /^--?(password|pass|pw)\b/i.test(a))) {
      throw new CliError(
        'There is no --password option, on purpose: a password on the command line stays in the ' +
          'shell history and shows in `ps`. Pipe it in on standard input, or run in a terminal to be asked.',
        exitUsage,
      );
    }
    throw new CliError((e as Error).message, exitUsage);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const [command, ...extra] = positionals;
  if (command === undefined) throw new CliError('No command given.', exitUsage);
  if (!Object.hasOwn(commands, command)) {
    throw new CliError(`Unknown command "${command}".`, exitUsage);
  }
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra[0]}".`, exitUsage);
  const spec = commands[command as Command];
  const allowed: readonly string[] = [...spec.required, ...spec.optional];
  for (const option of ['email', 'role', 'name'] as const) {
    const given = values[option];
    if (given !== undefined && !allowed.includes(option)) {
      throw new CliError(`"${command}" takes no --${option}.`, exitUsage);
    }
    if (spec.required.includes(option as never) && !given?.trim()) {
      throw new CliError(`"${command}" needs --${option}.`, exitUsage);
    }
  }
  if (values.role !== undefined && !(staffRoles as readonly string[]).includes(values.role)) {
    throw new CliError(
      `Unknown role "${values.role}"; choose one of: ${staffRoles.join(', ')}.`,
      exitUsage,
    );
  }
  if (values.email !== undefined && command === 'add') {
    if (!staffEmailSchema.safeParse(values.email).success) {
      throw new CliError(`"${values.email}" is not a valid email address.`, exitUsage);
    }
  }
  return { command: command as Command, ...values };
}

/** The first line of a piped standard input, without its line ending. */
async function readFirstLine(): Promise<string | null> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line;
    return null;
  } finally {
    lines.close();
    // Whoever pipes may keep writing; the rest is not read, and must not keep the process alive.
    process.stdin.destroy();
  }
}

/**
 * Asks on the terminal without echoing what is typed: readline writes its echo to an output
 * that drops everything once the prompt is out. Prompts go to stderr, so stdout stays clean.
 */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        if (!muted) process.stderr.write(chunk);
        callback();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.on('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new CliError('Cancelled; nothing was changed.', exitCancelled));
    });
    rl.question(prompt, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function readNewPassword(): Promise<string> {
  let password: string;
  if (!process.stdin.isTTY) {
    const line = await readFirstLine();
    if (!line) {
      throw new CliError(
        'No password on standard input: pipe it in as the first line, or run in a terminal to be asked.',
      );
    }
    password = line;
  } else {
    password = await askHidden(`New password (at least ${passwordMinLength} characters): `);
    checkPasswordPolicy(password); // say so now rather than after the second entry
    const again = await askHidden('The same password again: ');
    if (again !== password) throw new CliError('The two passwords differ; nothing was changed.');
  }
  checkPasswordPolicy(password);
  return password;
}

function formatDate(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

async function run(invocation: Invocation): Promise<void> {
  // The database driver and the server's modules take a second to load; a mistyped command
  // is answered without them.
  const [
    { createDb },
    { applyMigrations },
    { loadConfigOrExit },
    { createStaffUser },
    { disableStaffUser },
    { listStaffUsers },
    { resetStaffPassword },
    { resetSecondFactor },
  ] = await Promise.all([
    import('#src/db/client.ts'),
    import('#src/db/migrate.ts'),
    import('#src/server/bootstrap.ts'),
    import('#src/domain/staff/create-staff-user.ts'),
    import('#src/domain/staff/disable-staff-user.ts'),
    import('#src/domain/staff/list-staff-users.ts'),
    import('#src/domain/staff/reset-staff-password.ts'),
    import('#src/domain/staff/reset-second-factor.ts'),
  ]);
  const config = loadConfigOrExit(process.env);
  const handle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  try {
    const { db } = handle;
    await applyMigrations(db);
    const now = new Date();
    switch (invocation.command) {
      case 'add': {
        const email = invocation.email!;
        const password = await readNewPassword();
        const user = await createStaffUser(db, {
          email,
          displayName: invocation.name?.trim() || email.trim().split('@')[0]!,
          role: invocation.role!,
          password,
          actorId: null,
          now,
        });
        console.log(
          `Created staff account #${user.id} ${user.email} (${user.role}, ${user.displayName}).`,
        );
        break;
      }
      case 'list': {
        const users = await listStaffUsers(db);
        if (users.length === 0) {
          console.log(
            'No staff accounts yet. Create one with: npm run staff -- add --email … --role admin',
          );
          break;
        }
        const rows = users.map((u) => [
          String(u.id),
          u.email,
          u.role,
          u.disabledAt ? `disabled ${formatDate(u.disabledAt)}` : 'active',
          u.disabledAt
            ? '-'
            : u.secondFactorSince
              ? 'on'
              : secondFactorRequiredRoles.includes(u.role)
                ? 'NEEDED'
                : 'off',
          formatDate(u.createdAt),
          u.displayName,
        ]);
        const header = ['id', 'email', 'role', 'status', '2fa', 'created', 'name'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        for (const r of [header, ...rows]) {
          console.log(
            r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  '),
          );
        }
        break;
      }
      case 'disable': {
        const { user, sessionsEnded } = await disableStaffUser(db, {
          email: invocation.email!,
          actorId: null,
          now,
        });
        console.log(`Disabled ${user.email}; ended ${sessionsEnded} session(s).`);
        break;
      }
      case 'reset-password': {
        const password = await readNewPassword();
        const { user, sessionsEnded } = await resetStaffPassword(db, {
          email: invocation.email!,
          newPassword: password,
          actorId: null,
          now,
        });
        console.log(`New password set for ${user.email}; ended ${sessionsEnded} session(s).`);
        break;
      }
      case 'reset-2fa': {
        const { user, sessionsEnded, wasOn } = await resetSecondFactor(db, {
          email: invocation.email!,
          actorId: null,
          now,
        });
        console.log(
          wasOn
            ? `Two-step verification reset for ${user.email}; ended ${sessionsEnded} session(s). ` +
                'Its owner sets up a new authenticator app at the next login.'
            : `${user.email} had no two-step verification; ended ${sessionsEnded} session(s).`,
        );
        break;
      }
    }
  } finally {
    handle.close();
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation === 'help') {
      console.log(usage);
      return 0;
    }
    await run(invocation);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      console.error(e.exitCode === exitUsage ? `${e.message}\n\n${usage}` : e.message);
      return e.exitCode;
    }
    if (isDomainError(e)) {
      console.error(errorMessage('en', e.reason, e.code, e.details));
      return exitRefused;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
