import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rateLimiter } from 'hono-rate-limiter';
import { DomainError } from '../domain/errors.ts';
import type { ApiEnv } from './api-deps.ts';
import { addressLimitKeyOf } from './voter-identity.ts';

/**
 * A body larger than `maxBytes` is refused with 413 `payload_too_large` before it is read; a
 * `reason` names the message (with `maxBytes` in its details).
 *
 * A body whose length is declared is judged by its Content-Length alone (Node's parser never
 * reads past it), without touching the request's stream: the route then reads the JSON straight
 * from the socket, which saved a tenth of a ballot's time. Only a chunked body is counted as it
 * streams, by Hono's bodyLimit.
 */
export function limitBody(maxBytes: number, reason?: string): MiddlewareHandler<ApiEnv> {
  const tooLarge = () =>
    reason === undefined
      ? new DomainError('payload_too_large')
      : new DomainError('payload_too_large', reason, { maxBytes });
  const counted = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) throw tooLarge();
      return next();
    }
    return counted(c, next);
  };
}

type Limiter = ReturnType<typeof rateLimiter<ApiEnv>>;

/**
 * A per-address request rate (BALLOT_RATE_PER_MINUTE) for one public endpoint, before any work
 * is done: 429 `rate_limited` with Retry-After. Each call makes its own counter, so endpoints do
 * not eat into each other's allowance. The state is per process (README, "Scaling out"): with N
 * processes an address gets up to N times the rate, while the daily limits, which are what
 * count, are held by the database.
 */
export function addressRateLimit(): MiddlewareHandler<ApiEnv> {
  // One limiter per configuration, i.e. per app: tests build many apps in one process.
  const limiters = new WeakMap<object, Limiter>();
  const newLimiter = (perMinute: number): Limiter =>
    rateLimiter<ApiEnv>({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-7',
      // An IPv6 /64 is one subscriber: its hosts share one allowance.
      keyGenerator: (c) => addressLimitKeyOf(c.var.deps.clientAddress(c)),
      handler: (c) => {
        const info = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
        const seconds = info?.resetTime
          ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000))
          : 60;
        throw new DomainError('rate_limited', 'rate_limited', { retryAfterSeconds: seconds });
      },
    });
  return async (c, next) => {
    const config = c.var.deps.config;
    let limiter = limiters.get(config);
    if (!limiter) {
      limiter = newLimiter(config.ballotRatePerMinute);
      limiters.set(config, limiter);
    }
    return limiter(c, next);
  };
}
