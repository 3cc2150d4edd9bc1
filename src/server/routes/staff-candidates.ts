import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Candidates for staff: create, edit, status changes, the Markdown preview. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffCandidateRoutes = new Hono<ApiEnv>();
