/**
 * The front server's request handling: a thin Hono app that answers the API and the built
 * assets itself and hands every other request to Astro's build through the Node adapter's
 * middleware handler, so the vote path never pays for page rendering (README, "Architecture").
 * It listens nowhere: src/server/main.ts wires it to a port, tests to port 0.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import type { ApiApp } from './api-env.ts';
import type { Config } from './config.ts';
import {
  buildSecurityHeaders,
  isBallotPagePath,
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
  const { page, ballotPage, api: apiHeaders, asset, assetScript } = securityHeaders;

  const app = new Hono<{ Bindings: HttpBindings }>();
  // Hashed file names: a changed file gets a new name, so these can be cached for a year.
  app.use(
    '/_astro/*',
    serveStatic({
      root: clientDir,
      onFound: (path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
        for (const [name, value] of path.endsWith('.js') ? assetScript : asset)
          c.header(name, value);
      },
    }),
  );
  app.use(
    '*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=3600');
        for (const [name, value] of asset) c.header(name, value);
      },
    }),
  );
  app.all('*', async (c) => {
    const locals = { services } as App.Locals;
    // Astro writes the Node response itself; headers set here are merged into its writeHead.
    setHeaders(c.env.outgoing, isBallotPagePath(c.req.path) ? ballotPage : page);
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
  const fetch: FrontFetch = (req, env) => {
    if (isApiRequest(req.url)) {
      setHeaders(env.outgoing, apiHeaders);
      return api.fetch(req, env);
    }
    if (req.method !== 'HEAD') return app.fetch(req, env);
    // Hono answers HEAD by running the GET route and copying its response into a new one,
    // which loses the "already sent" mark of a page Astro has written: the server would then
    // try to write the response a second time.
    return Promise.resolve(app.fetch(req, env)).then((res) =>
      env.outgoing.headersSent ? RESPONSE_ALREADY_SENT : res,
    );
  };
  return { fetch, securityHeaders };
}
