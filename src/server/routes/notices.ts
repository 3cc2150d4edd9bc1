import { newRouter } from '../api-env.ts';

/** Published notices and their data (JSON, CSV), for everyone. Documented in the OpenAPI document. */
export const noticeRoutes = newRouter();
