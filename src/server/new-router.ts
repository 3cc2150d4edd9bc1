import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiApp, ApiEnv } from './api-deps.ts';
import { invalidRequest } from './request-validators.ts';

/**
 * A sub-app for one resource. Requests that fail their zod schema get 400 `invalid_request` with
 * the list of issues, in the reader's language.
 */
export function newRouter(): ApiApp {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      return invalidRequest(c, result.error);
    },
  });
}
