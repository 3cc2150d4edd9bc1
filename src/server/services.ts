import { createDb, type DbHandle } from '../db/client.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createAltchaBotCheck } from './bot-check/altcha-bot-check.ts';
import type { BotCheck } from './bot-check/bot-check.ts';
import { createTurnstileBotCheck } from './bot-check/turnstile-bot-check.ts';
import type { Config } from './config.ts';

/** What every request handler needs; built once per process and shared by the API and pages. */
export interface Services {
  config: Config;
  dbHandle: DbHandle;
  botCheck: BotCheck;
  clock: Clock;
}

function createBotCheck(config: Config): BotCheck {
  const chosen = config.botCheck;
  if (chosen.provider === 'altcha') {
    return createAltchaBotCheck({
      secret: config.sessionSecret,
      steps: chosen.steps,
      memoryKib: chosen.memoryKib,
    });
  }
  return createTurnstileBotCheck({
    siteKey: chosen.siteKey,
    secretKey: chosen.secretKey,
    verifyUrl: chosen.verifyUrl,
    allowedHostnames: [new URL(config.publicBaseUrl).hostname],
  });
}

export async function createServices(config: Config): Promise<Services> {
  const dbHandle = await createDb({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
    backgroundCheckpoint: true,
  });
  return { config, dbHandle, botCheck: createBotCheck(config), clock: systemClock };
}
