import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refuseMalformedRequests } from '#src/server/refuse-malformed-requests.ts';

/**
 * Requests no page or route can serve, answered before they reach one. Sent with node:http:
 * fetch() itself refuses to send TRACE.
 */
let server: Server;
let port: number;
let reached = 0;

beforeAll(async () => {
  const inner = () => {
    reached++;
    return new Response('page');
  };
  server = await new Promise<Server>((done) => {
    const s = serve({ fetch: refuseMalformedRequests(inner), hostname: '127.0.0.1', port: 0 }, () =>
      done(s as Server),
    ) as Server;
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((done) => server.close(done)));

function send(method: string, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (done, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('refuseMalformedRequests', () => {
  it('answers TRACE with 405 and the methods it takes, without reaching a page or the log', async () => {
    const logged = vi.spyOn(console, 'error');
    const before = reached;
    for (const path of ['/', '/campaigns/2026', '/api/health']) {
      const res = await send('TRACE', path);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
    expect(reached).toBe(before);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('answers a path that is not valid percent-encoding with 400, and lets valid ones through', async () => {
    const before = reached;
    expect((await send('GET', '/campaigns/%C3%28')).status).toBe(400);
    expect((await send('GET', '/notices/%E0%A4%A')).status).toBe(400);
    expect((await send('GET', '/campaigns/%E6%BE%84?q=%C3%28')).status).toBe(200);
    expect((await send('POST', '/api/ballots')).status).toBe(200);
    expect(reached).toBe(before + 2);
  });
});
