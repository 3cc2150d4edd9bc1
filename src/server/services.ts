import { createDb, type DbHandle } from '../db/client.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { BotCheck } from './bot-check/bot-check.ts';
import { createTestModeBotCheck } from './bot-check/test-mode-bot-check.ts';
import { createTurnstileBotCheck } from './bot-check/turnstile-bot-check.ts';
import type { Config } from './config.ts';

/** What every request handler needs; built once per process and shared by the API and pages. */
export interface Services {
  config: Config;
  dbHandle: DbHandle;
  botCheck: BotCheck;
  clock: Clock;
}

export function createBotCheck(config: Config): BotCheck {
  if (config.turnstile.mode === 'test') return createTestModeBotCheck();
  return createTurnstileBotCheck({
    siteKey: config.turnstile.siteKey,
    secretKey: config.turnstile.secretKey,
    verifyUrl: config.turnstile.verifyUrl,
    allowedHostnames: [new URL(config.publicBaseUrl).hostname],
  });
}

export async function createServices(config: Config): Promise<Services> {
  const dbHandle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  return { config, dbHandle, botCheck: createBotCheck(config), clock: systemClock };
}
