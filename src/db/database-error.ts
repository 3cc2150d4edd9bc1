/**
 * Whether an error from the database names one of `fragments` (a constraint, a trigger's
 * message): how a verb tells a rule the database refused (a unique key, a CHECK, a trigger) from
 * any other failure. The libSQL driver wraps SQLite's error in `cause`, so the whole chain is
 * read (a few levels at most).
 */
export function databaseErrorMentions(e: unknown, ...fragments: string[]): boolean {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; depth++) {
    if (fragments.some((f) => cur instanceof Error && cur.message.includes(f))) return true;
    cur = cur.cause;
  }
  return false;
}
