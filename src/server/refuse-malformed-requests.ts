import type { FrontFetch } from './front-server.ts';

/** The methods the site answers; the API's routes and the pages use no others. */
const allowedMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const allowed = new Set(allowedMethods);

const plainHeaders = {
  'Content-Type': 'text/plain; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Answers what no page or route can serve before it reaches them: a method such as TRACE
 * (405: the page renderer cannot even build a request for it, and threw with a stack trace per
 * request) and a path whose percent-encoding is not valid UTF-8, such as `/campaigns/%C3%28`
 * (400, instead of an error line in the log for every such request). Nothing is logged: these
 * are the client's mistakes, not the site's.
 */
export function refuseMalformedRequests(fetch: FrontFetch): FrontFetch {
  return (req, env) => {
    if (!allowed.has(req.method)) {
      return new Response('405 Method Not Allowed / 不支持这种请求方法\n', {
        status: 405,
        headers: { ...plainHeaders, Allow: allowedMethods.join(', ') },
      });
    }
    const target = env.incoming.url ?? '/';
    const query = target.indexOf('?');
    const path = query === -1 ? target : target.slice(0, query);
    try {
      decodeURI(path);
    } catch {
      return new Response('400 Bad Request: the address is not valid / 网址编码不正确\n', {
        status: 400,
        headers: plainHeaders,
      });
    }
    return fetch(req, env);
  };
}
