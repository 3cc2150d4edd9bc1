import { Hono } from 'hono';
import type { ApiEnv } from '../api-env.ts';

/** Importing candidates from CSV and XLSX, with a dry run. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffImportRoutes = new Hono<ApiEnv>();
