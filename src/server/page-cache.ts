import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gunzipSync, gzip } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The front server's cache of rendered public responses: pages in every language, feed, sitemap,
 * robots, QR images, posters, the board and the open-data JSON and CSV.
 *
 * An entry is keyed by method-independent path and query and by the language the response was
 * rendered in (resolved from `?lang=`, the cookie and Accept-Language before the lookup), so
 * readers who get the same page share one render whatever their cookies. It holds the body once
 * in each encoding (identity, gzip, brotli: compressed once, off the event loop), a strong ETag
 * per encoding, and two things that decide when it is dropped:
 *
 * - the content version it was rendered at: a row the database moves, by trigger, in the same
 *   transaction as every change to public content (db/migrations/0014_content_version.sql).
 *   The cache reads it at most every `versionCheckMs` and drops every entry rendered before;
 * - an expiry on the site's clock: the next whole minute at the latest (a countdown counts
 *   minutes, notice periods turn at midnight), sooner where the page said so
 *   (src/server/page-expiry.ts: vote opening and closing, live counts).
 *
 * Memory is bounded: entries are evicted least recently used first once their bytes exceed
 * `maxBytes`. Several requests that miss the same key at once share one render.
 */

export interface RenderedResponse {
  status: number;
  /** Header names in lower case. No Set-Cookie: a response that sets one is never cached. */
  headers: Record<string, string>;
  body: Buffer;
  /** Milliseconds since 1970 on the site's clock. */
  expiresAt: number;
}

export interface CacheEntry extends Omit<RenderedResponse, 'body'> {
  /**
   * The body as rendered, kept only when it is too small to compress. A compressed entry keeps
   * brotli and gzip alone (most of an entry's bytes would otherwise be the identity body, which
   * almost no client asks for); the identity body is inflated from the gzip copy when asked.
   */
  body: Buffer | null;
  /** The length of the body as rendered, for Content-Length without inflating it. */
  identityBytes: number;
  gzip: Buffer;
  br: Buffer;
  /** The strong ETag of each encoding, quoted. */
  etags: { identity: string; gzip: string; br: string };
  version: number;
  /** The cache's own accounting: bodies, key and headers. */
  bytes: number;
}

export interface PageCacheOptions {
  maxBytes: number;
  /** The site's clock, for expiry. */
  now: () => number;
  /** The content version in the database. */
  readVersion: () => Promise<number>;
  /** How often the version is read at most; 250 ms unless said otherwise. */
  versionCheckMs?: number;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  renders: number;
}

/** Below this size compression does not pay for its headers; such bodies are stored once. */
const compressFromBytes = 512;

function etagOf(body: Buffer, suffix: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}${suffix}"`;
}

export class PageCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #rendering = new Map<string, Promise<CacheEntry | null>>();
  readonly #options: PageCacheOptions;
  #bytes = 0;
  #version = 0;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #checking: Promise<number> | undefined;
  /** Moves at every recheckVersion: a reading begun before it is not taken as fresh. */
  #writes = 0;
  readonly stats: CacheStats = { entries: 0, bytes: 0, hits: 0, misses: 0, renders: 0 };

  constructor(options: PageCacheOptions) {
    this.#options = options;
  }

  /**
   * Reads the content version afresh at the next request: this process has just written
   * something (a staff change through its own API), and its own pages show it at once, not up
   * to `versionCheckMs` later.
   */
  recheckVersion(): void {
    this.#writes++;
    this.#checkedAt = Number.NEGATIVE_INFINITY;
    this.#checking = undefined;
  }

  /**
   * The content version, read from the database when the last reading is older than
   * `versionCheckMs` (every caller in that time shares the reading), and everything rendered
   * at an older version forgotten.
   */
  async currentVersion(): Promise<number> {
    const interval = this.#options.versionCheckMs ?? 250;
    if (performance.now() - this.#checkedAt < interval) return this.#version;
    const writes = this.#writes;
    const checking = (this.#checking ??= this.#options
      .readVersion()
      .then((version) => {
        // A reading begun before a write of this process may miss it: it changes nothing.
        if (writes !== this.#writes) return version;
        this.#checkedAt = performance.now();
        if (version !== this.#version) {
          this.#version = version;
          this.#dropOlderThan(version);
        }
        return version;
      })
      .finally(() => {
        if (this.#checking === checking) this.#checking = undefined;
      }));
    return checking;
  }

  /** A fresh entry for `key`, or undefined. */
  async get(key: string): Promise<CacheEntry | undefined> {
    const version = await this.currentVersion();
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.stats.misses++;
      return undefined;
    }
    if (entry.version < version || entry.expiresAt <= this.#options.now()) {
      this.#delete(key);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used last: the first key is the next to go.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.stats.hits++;
    return entry;
  }

  /**
   * Renders `key` once for everyone who asks while the render runs. `render` answers null for
   * a response that must not be cached (it then serves that response itself); the callers who
   * waited render on their own.
   */
  async fill(
    key: string,
    render: (version: number) => Promise<RenderedResponse | null>,
  ): Promise<CacheEntry | null> {
    const running = this.#rendering.get(key);
    if (running) return running;
    const job = (async () => {
      // The version before rendering: a change committed during the render makes it stale.
      const version = await this.currentVersion();
      this.stats.renders++;
      const rendered = await render(version);
      if (rendered === null) return null;
      return this.#store(key, rendered, version);
    })().finally(() => this.#rendering.delete(key));
    this.#rendering.set(key, job);
    return job;
  }

  /** Whether another caller is rendering `key` right now. */
  isRendering(key: string): boolean {
    return this.#rendering.has(key);
  }

  async #store(key: string, rendered: RenderedResponse, version: number): Promise<CacheEntry> {
    const body = rendered.body;
    const small = body.length < compressFromBytes;
    const [br, gz] = small
      ? [body, body]
      : await Promise.all([
          brotli(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 6,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
          gzipAsync(body, { level: 6 }),
        ]);
    const identity = etagOf(body, '');
    const entry: CacheEntry = {
      ...rendered,
      body: small ? body : null,
      identityBytes: body.length,
      gzip: gz,
      br,
      etags: small
        ? { identity, gzip: identity, br: identity }
        : { identity, gzip: etagOf(body, '-gz'), br: etagOf(body, '-br') },
      version,
      bytes:
        (small ? body.length : gz.length + br.length) +
        key.length * 2 +
        JSON.stringify(rendered.headers).length * 2 +
        256,
    };
    // A version moved while rendering: serve this once, keep nothing.
    if (version < this.#version || entry.bytes > this.#options.maxBytes) return entry;
    this.#delete(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.bytes;
    while (this.#bytes > this.#options.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#delete(oldest);
    }
    this.#updateStats();
    return entry;
  }

  #delete(key: string) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    this.#updateStats();
  }

  #dropOlderThan(version: number) {
    for (const [key, entry] of this.#entries) if (entry.version < version) this.#delete(key);
  }

  #updateStats() {
    this.stats.entries = this.#entries.size;
    this.stats.bytes = this.#bytes;
  }
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts: brotli, then gzip, then none. */
function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gz = false;
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [token = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (token === 'br') br = true;
    else if (token === 'gzip' || token === 'x-gzip') gz = true;
  }
  return br ? 'br' : gz ? 'gzip' : 'identity';
}

/** Whether If-None-Match names one of the entry's ETags (or is `*`). */
function matchesEtag(ifNoneMatch: string | undefined, entry: CacheEntry): boolean {
  if (!ifNoneMatch) return false;
  const tags = Object.values(entry.etags);
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || tags.includes(t));
}

/**
 * Writes `entry` to a Node response in the encoding the request accepts, or 304 when its ETag
 * matches; `extra` are headers of this response only (security headers, a language cookie).
 */
export function writeEntry(
  target: ServerResponse | Http2ServerResponse,
  entry: CacheEntry,
  request: { method: string; acceptEncoding: string | undefined; ifNoneMatch: string | undefined },
  extra: Record<string, string | string[]>,
): void {
  // The server speaks HTTP/1.1 (src/server/main.ts); both kinds take these calls alike.
  const res = target as ServerResponse;
  const encoding = entry.body !== null ? 'identity' : chooseEncoding(request.acceptEncoding);
  const headers: Record<string, string | string[] | number> = {
    ...entry.headers,
    ...extra,
    etag: entry.etags[encoding],
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  if (entry.status === 200 && matchesEtag(request.ifNoneMatch, entry)) {
    delete headers['content-type'];
    delete headers['content-encoding'];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers['content-length'] =
    encoding === 'br'
      ? entry.br.length
      : encoding === 'gzip'
        ? entry.gzip.length
        : entry.identityBytes;
  res.writeHead(entry.status, headers);
  if (request.method === 'HEAD') {
    res.end();
    return;
  }
  // Only a client that accepts no compression gets the body inflated, and only when it is sent.
  const body =
    encoding === 'br'
      ? entry.br
      : encoding === 'gzip'
        ? entry.gzip
        : (entry.body ?? gunzipSync(entry.gzip));
  res.end(body);
}
