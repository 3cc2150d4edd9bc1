import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { describeFieldIssue, fieldIssueOf } from '../i18n/validation-messages.ts';
import { rowIdSchema, slugSchema } from '../schemas/api.ts';
import { errorResponse } from './http-errors.ts';
import { requestLocale } from './request-locale.ts';

/**
 * The checks a route runs on its request before its handler: path parameters, query string and
 * JSON body. Each answers a request that does not fit with 400 `invalid_request` and the issues.
 */

/** 400 `invalid_request` listing zod's issues (`path`, `message`) as they are. */
export function invalidRequest(c: Context, error: z.ZodError): Response {
  return errorResponse(
    c,
    new DomainError('invalid_request'),
    error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

const paramSchemas = {
  slug: slugSchema,
  track: slugSchema,
  id: rowIdSchema,
} as const;

/**
 * Path parameters, checked by name: `slug` and `track` are slugs, `id` a positive integer. A
 * malformed one is a 400 with the issue, never a database lookup.
 */
export function validParams<K extends keyof typeof paramSchemas>(...names: K[]) {
  const schema = z.object(Object.fromEntries(names.map((n) => [n, paramSchemas[n]])));
  return validator('param', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return invalidRequest(c, parsed.error);
    return parsed.data as { [P in K]: z.output<(typeof paramSchemas)[P]> };
  });
}

/** A query string checked against `schema`: a 400 with the issues when it does not fit. */
export function validQuery<S extends z.ZodType>(schema: S) {
  return validator('query', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return invalidRequest(c, parsed.error);
    return parsed.data as z.output<S>;
  });
}

/**
 * JSON body validation for routes registered with plain `.post()` and friends, which stay out
 * of the public OpenAPI document (the staff routes), with the same 400 `invalid_request` as
 * newRouter's documented routes. Hono's json validator also refuses a body that is not sent as
 * application/json, which a cross-site HTML form cannot send.
 */
export function validJson<T extends z.ZodType>(schema: T) {
  return validator('json', async (value, c) => {
    const parsed = await schema.safeParseAsync(value);
    if (!parsed.success) {
      // Staff forms show each issue on its field: say what to change in the reader's language.
      const locale = requestLocale(c);
      const issues = parsed.error.issues.map((i) => {
        const issue = fieldIssueOf(i);
        return { path: issue.path, message: describeFieldIssue(issue, locale) };
      });
      return errorResponse(c, new DomainError('invalid_request'), issues);
    }
    return parsed.data as z.output<T>;
  });
}
