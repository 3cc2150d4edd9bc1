import { count } from 'drizzle-orm';
import { applyMigrations } from '../db/migrate.ts';
import { campaign } from '../db/schema/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { startConversionTermSync } from './conversion-term-sync.ts';
import { createServices, type Services } from './services.ts';

/** Parses the environment or stops the process with a message naming the bad variables. */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}

/**
 * Opens the database, applies pending migrations and, on an empty database, loads the
 * fictional demo data, all before the server listens.
 */
export async function prepareServices(config: Config, log = console.log): Promise<Services> {
  const services = await createServices(config);
  const { db } = services.dbHandle;
  await applyMigrations(db);
  const [row] = await db.select({ n: count() }).from(campaign);
  if ((row?.n ?? 0) === 0) {
    log('Empty database: loading the fictional demo data…');
    // Loaded only when needed: the demo texts are not part of a running server.
    const { seedDemo } = await import('../../db/seed/seed-demo.ts');
    await seedDemo(db, services.clock.now(), config.publicBaseUrl);
  }
  startConversionTermSync(db);
  if (services.botCheck.mode === 'test') {
    log(
      'Bot check in TEST MODE: no Turnstile keys are set, so only Cloudflare’s dummy token is accepted ' +
        'and ballots are NOT protected against bots. Set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY.',
    );
  }
  return services;
}
