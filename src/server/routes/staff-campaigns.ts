import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Campaigns, stages and tracks for staff. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffCampaignRoutes = new Hono<ApiEnv>();
