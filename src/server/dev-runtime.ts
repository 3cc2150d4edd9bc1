import type { ApiApp } from './api-deps.ts';
import { loadConfigOrExit, prepareServices } from './bootstrap.ts';
import { createApi } from './create-api.ts';
import type { Services } from './services.ts';

export interface Runtime {
  services: Services;
  api: ApiApp;
}

const key = Symbol.for('honour-roll.dev-runtime');
type Holder = { [key]?: Promise<Runtime> };

/**
 * Services for `astro dev`, built on first request. Kept on globalThis so that Vite's module
 * reloads do not open a new database connection on every edit.
 */
export function devRuntime(env: Record<string, string | undefined>): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[key] ??= (async () => {
    const config = loadConfigOrExit(env);
    const services = await prepareServices(config);
    const api = createApi({
      db: services.dbHandle.db,
      config,
      botCheck: services.botCheck,
      clock: services.clock,
    });
    return { services, api };
  })();
  return holder[key];
}
