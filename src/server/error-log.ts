import { randomUUID } from 'node:crypto';

/**
 * What an unexpected error may put in the log: its class, the database's error code, and where
 * in our code it was thrown. Never its message: a database error's message carries the
 * statement and its parameters (a reporter's name, phone and text), and a parser's message may
 * quote the input. One line per error, so a flood of bad requests is a flood of lines, not of
 * stack traces.
 */
export function describeError(err: unknown): string {
  const classes: string[] = [];
  let code: string | undefined;
  for (let cur: unknown = err, depth = 0; depth < 5 && cur !== undefined; depth++) {
    if (!(cur instanceof Error)) {
      classes.push(typeof cur);
      break;
    }
    classes.push(cur.name === 'Error' ? cur.constructor.name : cur.name);
    const own = cur as { extendedCode?: unknown; code?: unknown };
    const found = typeof own.extendedCode === 'string' ? own.extendedCode : own.code;
    // The most specific code wins: SQLITE_CONSTRAINT_CHECK over SQLITE_CONSTRAINT.
    if (typeof found === 'string' && (code === undefined || found.startsWith(code))) code = found;
    cur = cur.cause;
  }
  const frames = err instanceof Error ? framesOf(err.stack) : [];
  return [classes.join('<'), code, frames.length > 0 ? `at ${frames.join(' < ')}` : undefined]
    .filter((part) => part !== undefined)
    .join(' ');
}

/**
 * The first frames of a stack, without the message lines that precede them: our own code's if
 * it shows, else the library's.
 */
function framesOf(stack: string | undefined): string[] {
  const frames = (stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const own = frames.filter((line) => !line.includes('node_modules') && line.includes('/src/'));
  return (own.length > 0 ? own : frames).slice(0, 3).map((line) =>
    line
      .trim()
      .slice(3)
      .replace(/file:\/\/\S*?\/(src|node_modules|dist)\//, '$1/'),
  );
}

/** The most specific SQLite error code in an error's chain, e.g. `SQLITE_CONSTRAINT_CHECK`. */
export function databaseErrorCode(err: unknown): string | undefined {
  let code: string | undefined;
  for (let cur: unknown = err, depth = 0; cur instanceof Error && depth < 5; depth++) {
    const own = cur as { extendedCode?: unknown; code?: unknown };
    const found = typeof own.extendedCode === 'string' ? own.extendedCode : own.code;
    if (typeof found === 'string' && found.startsWith('SQLITE_')) {
      if (code === undefined || found.startsWith(code)) code = found;
    }
    cur = cur.cause;
  }
  return code;
}

/** A short id to quote in an answer and find in the log. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}
