import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Reports for supervisors, every read audit-logged. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffReportRoutes = new Hono<ApiEnv>();
