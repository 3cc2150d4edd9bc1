/**
 * The front server's request handling: a thin Hono app that answers the API and the built
 * assets itself and hands every other request to Astro's build through the Node adapter's
 * middleware handler, so the vote path never pays for page rendering (README, "Architecture").
 * Public responses that are the same for every reader go through the page cache
 * (page-cache.ts): rendered once, compressed once, served from memory.
 * It listens nowhere: src/server/main.ts wires it to a port, tests to port 0.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { getContentVersion } from '../domain/pages/get-content-version.ts';
import { localeCookie, localeCookieMaxAgeSeconds, selectLocale } from '../i18n/select-locale.ts';
import { negotiateLocale } from '../i18n/locales.ts';
import { isAdminPath } from './admin-access.ts';
import type { ApiApp } from './api-deps.ts';
import { captureResponse, type CapturedResponse } from './capture-response.ts';
import type { Config } from './config.ts';
import { PageCache, writeEntry, type RenderedResponse } from './page-cache.ts';
import {
  buildSecurityHeaders,
  isBotCheckPagePath,
  type HeaderList,
  type SecurityHeaderSets,
} from './security-headers.ts';
import type { Services } from './services.ts';

/** The `handler` export of Astro's Node adapter build in middleware mode. */
export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
  locals: App.Locals,
) => Promise<void>;

export type FrontFetch = (
  req: Request,
  env: HttpBindings | Http2Bindings,
) => Response | Promise<Response>;

export interface FrontServerDeps {
  services: Services;
  api: ApiApp;
  astroHandler: AstroHandler;
  config: Config;
  /** The build's client folder (`dist/client`): hashed assets under `_astro/`, public files. */
  clientDir?: string;
  /** CSP hashes of the build's inline scripts (readInlineScriptHashes); none by default. */
  inlineScriptHashes?: readonly string[];
}

export interface FrontServer {
  fetch: FrontFetch;
  /** The headers each kind of response gets, as prepared at start-up. */
  securityHeaders: SecurityHeaderSets;
  /** The page cache; undefined when PAGE_CACHE_MB is 0. */
  pageCache: PageCache | undefined;
}

/** What the cache needs to know about a cacheable request. */
interface CacheableRequest {
  key: string;
  /** A `?lang=` the reader's cookie does not hold yet: the response sets the cookie. */
  remember: string | null;
  /** The URL names its language (`?lang=`): the response is the same for every reader. */
  languageInUrl: boolean;
  api: boolean;
}

/** Open data and descriptions of the public API: the same for every reader. */
const cacheableApiPath =
  /^\/api\/(?:campaigns(?:\/[a-z0-9-]+(?:\/(?:candidates|results|results\.csv))?)?|notices(?:\/[a-z0-9-]+(?:\.csv)?)?|openapi\.json)$/;

/**
 * Query parameters a cached response may be asked with: those pages and open data read, and
 * those that links shared in WeChat and campaigns carry. A request with any other is rendered
 * afresh and not kept, so made-up parameters cannot push real pages out of the cache.
 */
const cacheableParams = new Set([
  'lang',
  'q',
  'district',
  'sector',
  'sort',
  'interval',
  'track',
  'revision',
  'header',
  'from',
  'isappinstalled',
  'scene',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
]);

/** Response headers the cache keeps; the rest are the server's or this response's own. */
const keptHeaders = [
  'content-type',
  'content-language',
  'content-disposition',
  'cache-control',
  'x-robots-tag',
  'link',
] as const;

function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/** The start of the next whole minute on the site's clock: the longest a page is kept. */
function nextMinute(now: number): number {
  return (Math.floor(now / 60_000) + 1) * 60_000;
}

/** Sets prepared headers on the Node response; the handler's own headers still win. */
function setHeaders(
  outgoing: HttpBindings['outgoing'] | Http2Bindings['outgoing'],
  headers: HeaderList,
) {
  for (const [name, value] of headers) outgoing.setHeader(name, value);
}

/** True when the request's path starts with /api/, read off the URL string without parsing it. */
function isApiRequest(url: string): boolean {
  const pathStart = url.indexOf('/', url.indexOf('//') + 2);
  return pathStart !== -1 && url.startsWith('/api/', pathStart);
}

export function createFrontServer(deps: FrontServerDeps): FrontServer {
  const { services, api, astroHandler, config } = deps;
  const clientDir = deps.clientDir ?? 'dist/client';
  const securityHeaders = buildSecurityHeaders({
    publicBaseUrl: config.publicBaseUrl,
    botCheckProvider: config.botCheck.provider,
    inlineScriptHashes: deps.inlineScriptHashes ?? [],
  });
  const { page, botCheckPage, api: apiHeaders, asset, assetScript } = securityHeaders;
  const pageCache =
    config.pageCacheBytes > 0
      ? new PageCache({
          maxBytes: config.pageCacheBytes,
          now: () => services.clock.now().getTime(),
          readVersion: () => getContentVersion(services.dbHandle.db),
        })
      : undefined;
  const staffCookies = ['staff', '__Host-staff'];
  /** Requests that missed the cache, and will be rendered into it. */
  const missed = new WeakMap<IncomingMessage, CacheableRequest>();

  /** How the cache knows this request, or null when it must not be answered from a cache. */
  function cacheableRequest(incoming: IncomingMessage, api: boolean): CacheableRequest | null {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') return null;
    const url = incoming.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    if (api ? !cacheableApiPath.test(pathname) : isAdminPath(pathname)) return null;
    const params = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
    for (const name of params.keys()) if (!cacheableParams.has(name)) return null;
    const cookies = cookiesOf(incoming.headers.cookie);
    // Staff previews and staff sessions see what readers do not: always rendered afresh.
    if (params.has('preview') || staffCookies.some((name) => cookies.has(name))) return null;
    const query = params.get('lang');
    const acceptLanguage = incoming.headers['accept-language'] ?? null;
    const cookie = cookies.get(localeCookie);
    // As the page middleware and the API choose (src/middleware.ts, request-locale.ts).
    const choice = api
      ? { locale: negotiateLocale(query ?? cookie, acceptLanguage), remember: null }
      : selectLocale({ query, cookie, acceptLanguage });
    // A page whose URL names its language keeps naming it in its links and forms, so it is
    // kept apart from the same page reached without ?lang= (the API's answers do not differ).
    if (query !== null && !api) params.set('lang', choice.locale);
    else params.delete('lang');
    params.sort();
    const rest = params.toString();
    return {
      key: `${choice.locale} ${pathname}${rest === '' ? '' : `?${rest}`}`,
      remember: choice.remember,
      languageInUrl: query !== null,
      api,
    };
  }

  /** What of a rendered response the cache may keep, or null when it must not keep it. */
  function cacheable(captured: CapturedResponse, locals: App.Locals): RenderedResponse | null {
    if (locals.pageNotCached) return null;
    if (captured.status !== 200 && captured.status !== 404) return null;
    const cookies = captured.headers['set-cookie'];
    const setCookies = cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies];
    // The language cookie follows from the URL alone; the cache sets it itself. Any other
    // cookie belongs to one reader.
    if (setCookies.some((c) => !c.startsWith(`${localeCookie}=`))) return null;
    const control = String(captured.headers['cache-control'] ?? '');
    if (/no-store|private/.test(control)) return null;
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const value = captured.headers[name];
      if (value !== undefined) headers[name] = String(value);
    }
    const now = services.clock.now().getTime();
    // A response that says how long it may be kept (live counts: a few seconds) is kept no longer.
    const maxAge = /max-age=(\d+)/.exec(control);
    return {
      status: captured.status,
      headers,
      body: captured.body,
      expiresAt: Math.min(
        locals.pageExpiresAt ?? Number.POSITIVE_INFINITY,
        maxAge ? now + Number(maxAge[1]) * 1000 : Number.POSITIVE_INFINITY,
        nextMinute(now),
      ),
    };
  }

  /** The headers a cached response gets on its way out to this reader. */
  function servedHeaders(
    request: CacheableRequest,
    entry: { headers: Record<string, string>; expiresAt: number },
    security: HeaderList,
  ): Record<string, string | string[]> {
    const extra: Record<string, string | string[]> = Object.fromEntries(security);
    // The language comes from the cookie and Accept-Language unless the URL names it, and
    // whether the language cookie is set depends on the cookie: caches in between must know.
    extra.vary = 'Accept-Encoding, Accept-Language, Cookie';
    if (entry.headers['cache-control'] === undefined) {
      // A URL that names its language may be kept by a CDN until the page expires; one that
      // does not depends on the reader's cookie and Accept-Language, so only the browser keeps
      // it, and asks again each time (a 304 when nothing changed).
      const left = Math.max(
        1,
        Math.floor((entry.expiresAt - services.clock.now().getTime()) / 1000),
      );
      extra['cache-control'] =
        request.languageInUrl || request.api
          ? `public, max-age=0, s-maxage=${left}, stale-while-revalidate=30`
          : 'private, no-cache';
    }
    if (request.remember !== null) {
      extra['set-cookie'] =
        `${localeCookie}=${request.remember}; Max-Age=${localeCookieMaxAgeSeconds}; Path=/; SameSite=Lax`;
    }
    return extra;
  }

  function writeCaptured(
    outgoing: ServerResponse,
    captured: CapturedResponse,
    security: HeaderList,
    method: string | undefined,
  ) {
    outgoing.writeHead(captured.status, {
      ...Object.fromEntries(security),
      ...captured.headers,
      'content-length': captured.body.length,
    });
    outgoing.end(method === 'HEAD' ? undefined : captured.body);
  }

  /**
   * Renders a request that missed the cache into it (one render for all who miss at once) and
   * answers it; a response the cache must not keep is answered as rendered.
   */
  async function renderIntoCache(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    request: CacheableRequest,
    security: HeaderList,
    render: () => Promise<{ captured: CapturedResponse; locals: App.Locals }>,
  ) {
    let own: CapturedResponse | undefined;
    const entry = await pageCache!.fill(request.key, async () => {
      const { captured, locals } = await render();
      const kept = cacheable(captured, locals);
      if (kept === null) own = captured;
      return kept;
    });
    const info = {
      method: incoming.method ?? 'GET',
      acceptEncoding: incoming.headers['accept-encoding'],
      ifNoneMatch: incoming.headers['if-none-match'],
    };
    if (entry) {
      writeEntry(outgoing, entry, info, servedHeaders(request, entry, security));
      return;
    }
    // Not cacheable: the renderer answers what it rendered; who waited for it renders anew.
    own ??= (await render()).captured;
    writeCaptured(outgoing, own, security, incoming.method);
  }

  /** Runs Astro for `incoming` into a recorder, with the site's 404 page when no page matches. */
  async function renderPage(incoming: IncomingMessage) {
    const locals = { services } as App.Locals;
    const captured = await captureResponse(incoming, async (res) => {
      let notFound: Promise<void> | undefined;
      const next = (err?: unknown) => {
        if (err) console.error(err);
        if (res.headersSent) return;
        if (notFound === undefined) {
          const url = incoming.url ?? '/';
          const q = url.indexOf('?');
          incoming.url = `/404${q === -1 ? '' : url.slice(q)}`;
          notFound = astroHandler(incoming, res, next, locals);
        } else {
          res.writeHead(404).end();
        }
      };
      await astroHandler(incoming, res, next, locals);
      await notFound;
    });
    return { captured, locals };
  }

  /** The built client's files, with how long browsers keep them and each file's headers. */
  const clientFiles = (cacheControl: string, headersOf: (path: string) => typeof asset) =>
    serveStatic({
      root: clientDir,
      onFound: (path, c) => {
        c.header('Cache-Control', cacheControl);
        for (const [name, value] of headersOf(path)) c.header(name, value);
      },
    });

  const app = new Hono<{ Bindings: HttpBindings }>();
  // Hashed file names: a changed file gets a new name, so these can be cached for a year.
  app.use(
    '/_astro/*',
    clientFiles('public, max-age=31536000, immutable', (path) =>
      path.endsWith('.js') ? assetScript : asset,
    ),
  );
  app.use(
    '*',
    clientFiles('public, max-age=3600', () => asset),
  );
  app.all('*', async (c) => {
    const security = isBotCheckPagePath(c.req.path) ? botCheckPage : page;
    const request = missed.get(c.env.incoming);
    if (request !== undefined && pageCache) {
      const { incoming } = c.env;
      const outgoing = c.env.outgoing as ServerResponse;
      await renderIntoCache(incoming, outgoing, request, security, () => renderPage(incoming));
      return RESPONSE_ALREADY_SENT;
    }
    const locals = { services } as App.Locals;
    // Astro writes the Node response itself; headers set here are merged into its writeHead.
    setHeaders(c.env.outgoing, security);
    // Astro calls `next` when no page matches: answer with the site's own 404 page (in the
    // reader's language) by handing it the request again as /404, once.
    let notFoundPage: Promise<void> | undefined;
    const next = (err?: unknown) => {
      if (err) console.error(err);
      if (c.env.outgoing.headersSent) return;
      if (notFoundPage === undefined) {
        const query = c.env.incoming.url?.includes('?')
          ? c.env.incoming.url.slice(c.env.incoming.url.indexOf('?'))
          : '';
        c.env.incoming.url = `/404${query}`;
        notFoundPage = astroHandler(c.env.incoming, c.env.outgoing, next, locals);
      } else {
        c.env.outgoing.writeHead(404).end();
      }
    };
    await astroHandler(c.env.incoming, c.env.outgoing, next, locals);
    await notFoundPage;
    return RESPONSE_ALREADY_SENT;
  });

  // The API is answered before the page app's router is consulted at all. Its headers go on the
  // Node response first, so a route's own (the media route's CSP) override them in writeHead,
  // and the API's lightweight responses never have to be turned into full Header objects.
  /** Answers a cacheable request from the cache; false when it missed. */
  async function answerFromCache(
    env: HttpBindings | Http2Bindings,
    request: CacheableRequest,
    security: HeaderList,
  ): Promise<boolean> {
    const entry = await pageCache!.get(request.key);
    if (!entry) return false;
    const { incoming } = env;
    writeEntry(
      env.outgoing,
      entry,
      {
        method: incoming.method ?? 'GET',
        acceptEncoding: incoming.headers['accept-encoding'],
        ifNoneMatch: incoming.headers['if-none-match'],
      },
      servedHeaders(request, entry, security),
    );
    return true;
  }

  /** The public API's open data, through the cache. */
  async function cachedApi(
    req: Request,
    env: HttpBindings | Http2Bindings,
    request: CacheableRequest,
  ): Promise<Response | typeof RESPONSE_ALREADY_SENT> {
    if (await answerFromCache(env, request, apiHeaders)) return RESPONSE_ALREADY_SENT;
    const render = async () => {
      // Uncompressed: the cache compresses what it keeps.
      const headers = new Headers(req.headers);
      headers.delete('accept-encoding');
      headers.delete('if-none-match');
      const res = await api.fetch(new Request(req.url, { method: 'GET', headers }), env);
      const captured: CapturedResponse = {
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(await res.arrayBuffer()),
      };
      return { captured, locals: {} as App.Locals };
    };
    await renderIntoCache(
      env.incoming as IncomingMessage,
      env.outgoing as ServerResponse,
      request,
      apiHeaders,
      render,
    );
    return RESPONSE_ALREADY_SENT;
  }

  const fetch: FrontFetch = async (req, env) => {
    if (isApiRequest(req.url)) {
      setHeaders(env.outgoing, apiHeaders);
      const request = pageCache ? cacheableRequest(env.incoming as IncomingMessage, true) : null;
      if (request) return cachedApi(req, env, request);
      // Only staff change what pages show: a ballot, a report or a device leaves the cache's
      // shared reading of the content version alone (the vote path stays exactly the API's).
      const staffWrite =
        req.method !== 'GET' &&
        req.method !== 'HEAD' &&
        (env.incoming as IncomingMessage).url?.startsWith('/api/staff/') === true;
      if (!pageCache || !staffWrite) return api.fetch(req, env);
      // A staff write through this process: its pages read the content version afresh next time.
      const answer = await api.fetch(req, env);
      pageCache.recheckVersion();
      return answer;
    }
    const incoming = env.incoming as IncomingMessage;
    if (pageCache && !incoming.url?.startsWith('/_astro/')) {
      const request = cacheableRequest(incoming, false);
      if (request) {
        const pathname = new URL(req.url).pathname;
        const security = isBotCheckPagePath(pathname) ? botCheckPage : page;
        if (await answerFromCache(env, request, security)) return RESPONSE_ALREADY_SENT;
        // A miss: a static file answers as before; a page is rendered into the cache (by a GET:
        // Astro's answer to a HEAD has no body to keep).
        if (req.method === 'GET') missed.set(incoming, request);
      }
    }
    if (req.method !== 'HEAD') return app.fetch(req, env);
    // Hono answers HEAD by running the GET route and copying its response into a new one,
    // which loses the "already sent" mark of a page Astro has written: the server would then
    // try to write the response a second time.
    return Promise.resolve(app.fetch(req, env)).then((res) =>
      env.outgoing.headersSent ? RESPONSE_ALREADY_SENT : res,
    );
  };
  return { fetch, securityHeaders, pageCache };
}
