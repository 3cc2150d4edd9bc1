import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Staff accounts for admins. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffAccountRoutes = new Hono<ApiEnv>();
