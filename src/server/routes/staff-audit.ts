import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** The audit log for auditors and admins. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffAuditRoutes = new Hono<ApiEnv>();
