import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { errorBodySchema } from '../schemas/api.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import type { StaffSessionContext } from '../domain/staff/resolve-staff-session.ts';
import type { AddressKeys } from './address-keys.ts';
import type { BotCheck } from './bot-check/bot-check.ts';
import type { Config } from './config.ts';
import { describeFieldIssue, fieldIssueOf } from '../i18n/validation-messages.ts';
import { errorResponse, type ValidationIssue } from './http-errors.ts';
import { requestLocale } from './request-locale.ts';

export interface ApiDeps {
  db: Db;
  config: Config;
  botCheck: BotCheck;
  clock: Clock;
  /**
   * The client's address for this request. The production server reads the socket (and
   * X-Forwarded-For from trusted proxies); tests supply their own.
   */
  clientAddress?: (c: Context) => string;
}

/** What handlers find in `c.var.deps`: the dependencies plus per-app helpers built from them. */
export interface ResolvedDeps extends Required<ApiDeps> {
  /** Database reachability for /api/health, shared across concurrent checks (see the probe). */
  probeDatabase: () => Promise<boolean>;
  /** The random day keys under which client addresses are hashed. */
  addressKeys: AddressKeys;
}

export type ApiEnv = {
  Variables: {
    deps: ResolvedDeps;
    /** The staff member of this request, set by staffSession() when the cookie is live. */
    staff?: StaffSessionContext;
  };
};
export type ApiApp = OpenAPIHono<ApiEnv>;

/**
 * A sub-app for one resource. Requests that fail their zod schema get 400 `invalid_request` with
 * the list of issues, in the reader's language.
 */
export function newRouter(): ApiApp {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      return errorResponse(c, new DomainError('invalid_request'), issuesOf(result.error));
    },
  });
}

function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
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

/** Documented error responses, shared by the route definitions. */
export function errorResponses(
  ...statuses: (400 | 403 | 404 | 409 | 413 | 422 | 428 | 429 | 503)[]
) {
  const descriptions = {
    400: 'Invalid request (`invalid_request`), with the validation issues.',
    403: 'The bot check failed (`bot_check_failed`).',
    404: 'Not found (`not_found`).',
    409: 'Already voted today (`already_voted`), with when the next ballot is possible.',
    413: 'Request body too large (`payload_too_large`).',
    422: 'The ballot breaks a rule (`rule_violation`).',
    428: 'No device cookie (`device_required`): call `GET /api/device` once, then send again.',
    429: 'Too many requests (`rate_limited`), with Retry-After.',
    503: 'Temporarily unavailable.',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: descriptions[s],
        content: { 'application/json': { schema: errorBodySchema } },
      },
    ]),
  );
}
