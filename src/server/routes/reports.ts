import { newRouter } from '../api-env.ts';

/** Reports from the public during a publicity period. Documented in the OpenAPI document. */
export const reportRoutes = newRouter();
