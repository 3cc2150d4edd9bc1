import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Notice drafts, preview and publication for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffNoticeRoutes = new Hono<ApiEnv>();
