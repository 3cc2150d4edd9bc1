import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** The committee's differential vote. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffCommitteeRoutes = new Hono<ApiEnv>();
