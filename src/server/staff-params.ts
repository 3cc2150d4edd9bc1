import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { errorMessage } from '../i18n/error-messages.ts';
import { rowIdSchema, slugSchema } from '../schemas/api.ts';
import type { ApiEnv } from './api-env.ts';
import { errorResponse } from './http-errors.ts';
import { requestLocale } from './request-locale.ts';

const paramSchemas = {
  slug: slugSchema,
  track: slugSchema,
  id: rowIdSchema,
} as const;

/**
 * Path parameters of the staff routes, checked by name: `slug` and `track` are slugs, `id` a
 * positive integer. A malformed one is a 400 with the issue, never a database lookup.
 */
export function validParams<K extends keyof typeof paramSchemas>(...names: K[]) {
  const schema = z.object(Object.fromEntries(names.map((n) => [n, paramSchemas[n]])));
  return validator('param', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return errorResponse(
        c,
        new DomainError('invalid_request'),
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data as { [P in K]: z.output<(typeof paramSchemas)[P]> };
  });
}

/** A query string checked against `schema`: a 400 with the issues when it does not fit. */
export function validQuery<S extends z.ZodType>(schema: S) {
  return validator('query', (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return errorResponse(
        c,
        new DomainError('invalid_request'),
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return parsed.data as z.output<S>;
  });
}

/** A list of `{ reason, …params }` items with their message in the reader's language. */
export function describeReasons<T extends { reason: string }>(
  c: Context<ApiEnv>,
  items: T[],
): (T & { message: string })[] {
  const locale = requestLocale(c);
  return items.map((item) => ({
    ...item,
    message: errorMessage(locale, item.reason, 'rule_violation', item),
  }));
}
