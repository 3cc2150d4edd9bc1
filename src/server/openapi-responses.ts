import type { z } from 'zod';
import { errorBodySchema } from '../schemas/api.ts';

/** A documented JSON response: its schema and what it is. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
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
    statuses.map((s) => [s, jsonResponse(errorBodySchema, descriptions[s])]),
  );
}
