import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, isDomainError, type DomainErrorCode } from '../domain/errors.ts';
import { errorMessage } from '../i18n/error-messages.ts';
import { describeFieldIssue, type FieldIssue } from '../i18n/validation-messages.ts';
import { databaseErrorCode, describeError, newRequestId } from './error-log.ts';
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
  // A verb that checked fields late (a candidate's own kind) keeps zod's findings in its details:
  // they are worded here like the route's own, so a form shows them on their fields.
  const late = e.details.issues;
  if (!issues && Array.isArray(late)) {
    issues = (late as FieldIssue[]).map((i) => ({
      path: i.path,
      message: describeFieldIssue(i, locale),
    }));
  }
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

/** A list of `{ reason, …params }` items with their message in the reader's language. */
export function describeReasons<T extends { reason: string }>(
  c: Context,
  items: T[],
): (T & { message: string })[] {
  const locale = requestLocale(c);
  return items.map((item) => ({
    ...item,
    message: errorMessage(locale, item.reason, 'rule_violation', item),
  }));
}

/**
 * The API's one error handler. Domain errors map to their status; framework errors (malformed
 * JSON, oversized bodies) to ours; a value the database's CHECK constraints refused (which the
 * schemas should have caught) to 400; anything else to a bare 500 that leaks nothing. The log
 * gets one line with a request id (also in the answer), the route and the error's class and
 * code, never its message: a database error's message carries the statement's parameters.
 */
export function handleError(err: unknown, c: Context): Response {
  if (isDomainError(err)) return errorResponse(c, err);
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, new DomainError('payload_too_large'));
    if (err.status === 400)
      return errorResponse(c, new DomainError('invalid_request', 'invalid_json'));
    if (err.status < 500) return errorResponse(c, new DomainError('invalid_request'));
  }
  const requestId = newRequestId();
  // The route that was to answer (the last one matched), not a middleware's pattern.
  const route = `${c.req.method} ${routePath(c, -1)}`;
  c.header('X-Request-Id', requestId);
  if (databaseErrorCode(err) === 'SQLITE_CONSTRAINT_CHECK') {
    console.error(`[api] 400 ${route} request ${requestId}: refused by a CHECK constraint`);
    return errorResponse(c, new DomainError('invalid_request', 'value_refused', { requestId }));
  }
  console.error(`[api] 500 ${route} request ${requestId}: ${describeError(err)}`);
  const locale = requestLocale(c);
  return c.json(
    {
      error: {
        code: 'internal',
        message: errorMessage(locale, 'internal', 'internal'),
        requestId,
      },
    },
    500,
  );
}
