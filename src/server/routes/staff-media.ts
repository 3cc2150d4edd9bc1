import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Photo uploads for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffMediaRoutes = new Hono<ApiEnv>();
