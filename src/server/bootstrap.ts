import { count } from 'drizzle-orm';
import { applyMigrations } from '../db/migrate.ts';
import { campaign } from '../db/schema/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { startConversionTermSync } from './conversion-term-sync.ts';
import { startRecordPruning } from './record-pruning.ts';
import { createServices, type Services } from './services.ts';

/** The start-up log's line about what protects ballots and reports. */
function botCheckSummary(config: Config): string {
  const chosen = config.botCheck;
  return chosen.provider === 'altcha'
    ? `Bot check: ALTCHA proof of work, self-hosted (Argon2id, ${chosen.memoryKib} KiB, about ` +
        `${chosen.steps} steps per challenge); ballots and reports are protected.`
    : `Bot check: Cloudflare Turnstile, verified at ${chosen.verifyUrl}; ballots and reports are protected.`;
}

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
 * Opens the database, applies pending migrations and, on an empty embedded database (no
 * DATABASE_URL), loads the fictional demo data, all before the server listens. A configured
 * database is a real one: fictional people must never appear in it unasked, so when it is
 * empty it starts empty and the log says how to begin.
 */
export async function prepareServices(config: Config, log = console.log): Promise<Services> {
  const services = await createServices(config);
  const { db } = services.dbHandle;
  await applyMigrations(db);
  const [row] = await db.select({ n: count() }).from(campaign);
  if ((row?.n ?? 0) === 0) {
    if (config.embeddedDatabase) {
      log('Empty database: loading the fictional demo data…');
      // Loaded only when needed: the demo texts are not part of a running server.
      const { seedDemo } = await import('../../db/seed/seed-demo.ts');
      await seedDemo(db, services.clock.now(), config.publicBaseUrl);
    } else {
      log(
        'The database has no campaign yet. Make an admin account with ' +
          '`npm run staff -- add --email you@example.cn --role admin`, then create the first ' +
          'campaign at /admin (or load the fictional demo with `npm run db:seed`).',
      );
    }
  }
  startConversionTermSync(db);
  startRecordPruning(db, services.clock);
  log(botCheckSummary(config));
  return services;
}
