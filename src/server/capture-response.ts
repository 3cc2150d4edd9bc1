import { EventEmitter } from 'node:events';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A response as Astro's Node handler wrote it: status, headers (lower-case names), body. */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Stands in for a Node `ServerResponse` so that the page cache can keep what Astro's Node
 * adapter writes (its `writeResponse` and error paths use only what is here: status, writeHead,
 * write, end, destroy and the finish and close events). The cache then serves the body itself,
 * compressed, to this reader and the next ones.
 */
class ResponseRecorder extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  readonly req: IncomingMessage;
  readonly #headers = new Map<string, string | string[]>();
  readonly #chunks: Buffer[] = [];
  readonly done: Promise<CapturedResponse>;
  #resolve!: (r: CapturedResponse) => void;
  #reject!: (e: unknown) => void;

  constructor(req: IncomingMessage) {
    super();
    this.req = req;
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  setHeader(name: string, value: string | number | readonly string[]) {
    this.#headers.set(name.toLowerCase(), Array.isArray(value) ? [...value] : String(value));
    return this;
  }

  getHeader(name: string) {
    return this.#headers.get(name.toLowerCase());
  }

  hasHeader(name: string) {
    return this.#headers.has(name.toLowerCase());
  }

  removeHeader(name: string) {
    this.#headers.delete(name.toLowerCase());
  }

  writeHead(status: number, ...rest: (string | OutgoingHttpHeaders | undefined)[]) {
    this.statusCode = status;
    const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object');
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value === undefined) continue;
      this.setHeader(name, Array.isArray(value) ? value : String(value));
    }
    this.headersSent = true;
    return this;
  }

  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.headersSent = true;
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    if (callback) queueMicrotask(callback);
    return true;
  }

  end(...args: unknown[]) {
    const chunk = args[0];
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.write(chunk);
    if (this.writableEnded) return this;
    this.writableEnded = true;
    this.headersSent = true;
    this.#resolve({
      status: this.statusCode,
      headers: Object.fromEntries(this.#headers),
      body: Buffer.concat(this.#chunks),
    });
    this.emit('finish');
    this.emit('close');
    return this;
  }

  destroy(error?: unknown) {
    if (!this.writableEnded) {
      this.writableEnded = true;
      this.#reject(error ?? new Error('the page was not completed'));
      this.emit('close');
    }
    return this;
  }
}

/**
 * Runs a Node request handler (Astro's, in middleware mode) against a recorder and answers what
 * it wrote. `render(recorder)` starts the handler; it resolves when the handler has ended the
 * response (or rejects when it destroyed it).
 */
export async function captureResponse(
  req: IncomingMessage,
  render: (res: ServerResponse) => Promise<void>,
): Promise<CapturedResponse> {
  const recorder = new ResponseRecorder(req);
  await render(recorder as unknown as ServerResponse);
  if (!recorder.writableEnded) recorder.destroy(new Error('the handler left the response open'));
  return recorder.done;
}
