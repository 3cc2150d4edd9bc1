import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column IN ('a', 'b', …)` for CHECK constraints built from the shared `as const` enums, so the
 * database refuses a value the application would refuse too.
 */
export function inList(column: SQLWrapper, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}
