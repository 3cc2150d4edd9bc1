import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Open data. Plain routes under /api/staff, outside the public OpenAPI document. */
export const openDataRoutes = new Hono<ApiEnv>();
