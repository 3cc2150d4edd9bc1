import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import type { StaffSessionContext } from '../domain/staff/resolve-staff-session.ts';
import type { AddressKeys } from './address-keys.ts';
import type { BotCheck } from './bot-check/bot-check.ts';
import type { Config } from './config.ts';

export interface ApiDeps {
  db: Db;
  config: Config;
  botCheck: BotCheck;
  clock: Clock;
  /**
   * The client's address for this request. The production server reads the socket (and
   * X-Forwarded-For from trusted proxies); tests supply their own.
   */
  clientAddress?: (c: Context) => string;
}

/** What handlers find in `c.var.deps`: the dependencies plus per-app helpers built from them. */
export interface ResolvedDeps extends Required<ApiDeps> {
  /** Database reachability for /api/health, shared across concurrent checks (see the probe). */
  probeDatabase: () => Promise<boolean>;
  /** The random day keys under which client addresses are hashed. */
  addressKeys: AddressKeys;
}

export type ApiEnv = {
  Variables: {
    deps: ResolvedDeps;
    /** The staff member of this request, set by staffSession() when the cookie is live. */
    staff?: StaffSessionContext;
  };
};
export type ApiApp = OpenAPIHono<ApiEnv>;
