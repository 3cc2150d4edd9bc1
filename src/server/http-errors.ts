import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, isDomainError, type DomainErrorCode } from '../domain/errors.ts';
import { errorMessage } from '../i18n/error-messages.ts';
import { requestLocale } from './request-locale.ts';

const statusOf: Record<DomainErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  bot_check_failed: 403,
  not_found: 404,
  conflict: 409,
  already_voted: 409,
  payload_too_large: 413,
  rule_violation: 422,
  device_required: 428,
  rate_limited: 429,
  unavailable: 503,
};

export interface ValidationIssue {
  path: string;
  message: string;
}

/** `{ error: { code, message, … } }` in the reader's language, with the code's status. */
export function errorResponse(c: Context, e: DomainError, issues?: ValidationIssue[]): Response {
  const locale = requestLocale(c);
  const body = {
    error: {
      code: e.code,
      message: errorMessage(locale, e.reason, e.code, e.details),
      ...(e.reason !== e.code ? { reason: e.reason } : {}),
      ...(Object.keys(e.details).length > 0 ? { details: e.details } : {}),
      ...(issues ? { issues } : {}),
    },
  };
  // An oversized body is refused before it is read: the rest of it is still on the way, so the
  // connection cannot carry another request. Saying so lets the client open a fresh one
  // instead of failing its next request on this socket.
  if (e.code === 'payload_too_large') c.header('Connection', 'close');
  const retryAfter = e.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  return c.json(body, statusOf[e.code]);
}

/**
 * The API's one error handler. Domain errors map to their status; framework errors (malformed
 * JSON, oversized bodies) to ours; anything else is logged and answered with a bare 500 that
 * leaks nothing.
 */
export function handleError(err: unknown, c: Context): Response {
  if (isDomainError(err)) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, new DomainError('payload_too_large'));
    if (err.status === 400)
      return errorResponse(c, new DomainError('invalid_request', 'invalid_json'));
    if (err.status < 500) return errorResponse(c, new DomainError('invalid_request'));
  }
  console.error('[api] unexpected error', c.req.method, c.req.path, err);
  const locale = requestLocale(c);
  return c.json(
    { error: { code: 'internal', message: errorMessage(locale, 'internal', 'internal') } },
    500,
  );
}
