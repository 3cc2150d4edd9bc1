import Database from 'libsql';

/**
 * Prepared statements kept per connection, for databases in a local file.
 *
 * For a `file:` URL, @libsql/client runs every query on the `libsql` engine by preparing its SQL
 * afresh (`db.prepare(sql)`), running it once and dropping it. Parsing and planning the same few
 * statements again on every call took more of a ballot's time than running them. This keeps the
 * last `maxStatements` statements of each connection by their SQL text and hands the prepared
 * one back on the next call, which is what SQLite's prepared statements are for.
 *
 * It is safe because the client uses a statement only synchronously: it sets the statement's
 * modes, binds every argument anew and reads all rows before it returns, so no two calls ever
 * share a statement at the same time. A prepared statement's result columns are fixed when it is
 * prepared, so a schema change made in this process (a migration, CREATE/ALTER/DROP) drops what
 * every connection kept; the app's statements name their columns, so a migration run by another
 * process does not change what they return. Remote databases (`libsql://`, `http://`) are not
 * affected: their statements are prepared on the server.
 *
 * Three details of the client matter. It asks every statement for raw rows and takes the error
 * a statement that returns no rows throws as the answer "no rows": for a cached statement that
 * answer is given without asking the engine again, from the statement's `reader` flag. It asks
 * twice per call for the result's columns, which the engine works out anew each time: a cached
 * statement answers from what it was told the first time. And very long SQL (bulk inserts with
 * thousands of placeholders) is prepared once and not kept.
 */

/** Statements kept per connection; the least recently used one goes first. */
export const maxStatements = 200;
/** SQL longer than this is prepared every time and not kept. */
export const maxCachedSqlLength = 4096;

type Statement = ReturnType<Database.Database['prepare']>;

const installed = Symbol.for('honour-roll.statement-cache');
const caches = new WeakMap<object, Map<string, Statement>>();

/** How many statements were prepared, and how many were served from the cache (for tests). */
export const statementCacheStats = { prepared: 0, reused: 0 };

/** Statements that change the schema: preparing one drops every kept statement. */
const schemaChange = /^\s*(create|alter|drop)\b/i;
let schemaGeneration = 0;
const generations = new WeakMap<object, number>();

/** Thrown by `raw()` of a cached statement that returns no rows, as the engine does. */
const noRowsError = new Error('The raw() method is only for statements that return data');

/** Installs the cache on the engine's connections; once per process, whoever calls. */
export function installStatementCache(): void {
  const proto = Database.prototype as Database.Database & { [installed]?: true };
  if (proto[installed]) return;
  const prepare = proto.prepare;
  proto.prepare = function cachedPrepare(this: Database.Database, sql: string) {
    if (sql.length > maxCachedSqlLength) {
      statementCacheStats.prepared++;
      return prepare.call(this, sql);
    }
    if (schemaChange.test(sql)) schemaGeneration++;
    let cache = caches.get(this);
    if (!cache || generations.get(this) !== schemaGeneration) {
      cache = new Map();
      caches.set(this, cache);
      generations.set(this, schemaGeneration);
    }
    const hit = cache.get(sql);
    if (hit) {
      // Most recently used last, so the first key is the one to evict.
      cache.delete(sql);
      cache.set(sql, hit);
      statementCacheStats.reused++;
      return hit;
    }
    const statement = prepare.call(this, sql);
    statementCacheStats.prepared++;
    if (!statement.reader) {
      statement.raw = () => {
        throw noRowsError;
      };
    } else {
      // The client asks for the columns twice per call; they are fixed when it is prepared.
      const columns = statement.columns();
      statement.columns = () => columns;
    }
    cache.set(sql, statement);
    if (cache.size > maxStatements) cache.delete(cache.keys().next().value!);
    return statement;
  } as typeof prepare;
  Object.defineProperty(proto, installed, { value: true });
}
