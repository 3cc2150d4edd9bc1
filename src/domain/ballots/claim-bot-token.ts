import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { botTokenUse } from '../../db/schema/index.ts';

/** What is stored of a bot-check token: its SHA-256, never the token. */
export function botTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether a bot-check token was presented before, by any process. Asked before the call to
 * Cloudflare, so a replay is refused without one; the claim that makes a token used is written
 * with whatever it was used for (claimBotToken, or the ballot's own transaction).
 */
export async function isBotTokenUsed(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db.all(
    sql`select 1 as used from bot_token_use where token_hash = ${tokenHash}`,
  );
  return rows.length > 0;
}

/**
 * Marks a bot-check token (its hash, botTokenHash) as used. Returns false when it was presented before, by any process:
 * the primary key decides, so a replay is refused without asking Cloudflare.
 */
export async function claimBotToken(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const inserted = await db.transaction((tx) =>
    tx
      .insert(botTokenUse)
      .values({ tokenHash, usedAt: now })
      .onConflictDoNothing()
      .returning({ tokenHash: botTokenUse.tokenHash }),
  );
  return inserted.length === 1;
}
