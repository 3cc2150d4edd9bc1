import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { botTokenUse } from '../../db/schema/index.ts';

/**
 * Marks a bot-check token as used. Returns false when it was presented before, by any process:
 * the primary key decides, so a replay is refused without asking Cloudflare.
 */
export async function claimBotToken(db: Db, token: string, now: Date): Promise<boolean> {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const inserted = await db.transaction((tx) =>
    tx
      .insert(botTokenUse)
      .values({ tokenHash, usedAt: now })
      .onConflictDoNothing()
      .returning({ tokenHash: botTokenUse.tokenHash }),
  );
  return inserted.length === 1;
}
