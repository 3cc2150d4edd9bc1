/**
 * Requests held open half-sent, so a drill knows they are in flight when it signals the
 * server: the server has their headers and is waiting for the rest.
 */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface HeldAnswer {
  /** 0 when no answer came (the connection was cut). */
  status: number;
  /** The Connection header of the answer. */
  connection: string | undefined;
  body: string;
  error?: string;
}

export interface HeldRequest {
  /** Sends the rest of the request. */
  finish(): void;
  answer: Promise<HeldAnswer>;
}

/** A POST /api/ballots whose headers and first half of the body are sent at once. */
export function holdBallot(
  port: number,
  body: string,
  address: string,
  cookie: string,
): HeldRequest {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const req = request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/ballots',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': bytes.length,
      'x-forwarded-for': address,
      cookie,
    },
  });
  const answer = new Promise<HeldAnswer>((done) => {
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () =>
        done({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }),
      );
      res.once('error', (e) =>
        done({ status: 0, connection: undefined, body: text, error: e.message }),
      );
    });
    req.once('error', (e) =>
      done({ status: 0, connection: undefined, body: '', error: e.message }),
    );
  });
  req.write(bytes.subarray(0, half));
  return { finish: () => req.end(bytes.subarray(half)), answer };
}

/** A GET whose request line and first header are sent, the end of the headers held back. */
export function holdPage(port: number, path: string): HeldRequest {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let raw = '';
  const answer = new Promise<HeldAnswer>((done) => {
    socket.on('data', (chunk: string) => (raw += chunk));
    const settle = (error?: string) => {
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const connection = /^connection:\s*(.+)$/im.exec(head)?.[1]?.trim();
      done({ status, connection, body: rest.join('\r\n\r\n'), ...(error ? { error } : {}) });
    };
    let error: string | undefined;
    socket.once('error', (e) => (error = e.message));
    socket.once('close', () => settle(error));
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
  return { finish: () => socket.write('Accept: text/html\r\n\r\n'), answer };
}
