import { createHash } from 'node:crypto';
import { preparedStatementsOf, type Db } from '#src/db/client.ts';
import { statement } from '#src/db/prepared.ts';
import { DomainError } from '../errors.ts';

/**
 * The outcome of a bot check; `codes` are the provider's error codes or our own. `forged` marks a
 * proof the provider never issued (a bad signature, a token it does not know): it can never pass,
 * so there is nothing to spend, and recording it would let anyone fill `bot_token_use`.
 */
export type BotCheckResult = { ok: true } | { ok: false; codes: string[]; forged?: boolean };

/** A proof as the domain sees it, whoever the provider: what it spends, and how it is judged. */
export interface BotCheckProof {
  /**
   * What makes the proof single-use: the same key for every way of spelling the same proof (for
   * ALTCHA, its challenge's signature; for Turnstile, the token). Null when the proof is
   * malformed, so there is nothing to spend.
   */
  useKey: string | null;
  /** Asks the provider; never throws. */
  verify(): Promise<BotCheckResult>;
}

/** Handed to the write a proof guards: the key it records, and how it says it recorded it. */
export interface ProofUse {
  /** SHA-256 of the proof's use key, as `bot_token_use` stores it. */
  keyHash: string;
  /** The write committed the key itself (with its ballot, or with its refusal). */
  markSpent(): void;
}

/** What is stored of a proof: a SHA-256 of its use key, never the proof. */
function botTokenHash(useKey: string): string {
  return createHash('sha256').update(useKey).digest('hex');
}

/** Read for every ballot and report, so prepared once (prepared.ts). */
const proofUse = statement('select 1 as used from bot_token_use where token_hash = ?');

async function isSpent(db: Db, keyHash: string): Promise<boolean> {
  const rows = await preparedStatementsOf(db).all(proofUse, [keyHash]);
  return rows.length > 0;
}

/**
 * Records a proof's use (arguments: its key's hash, the time); no row when some process had
 * already recorded it. Run in the ballot's own transaction, or alone for a refused proof.
 */
export const recordProofUse = statement<{ recorded: number }>(`
  insert into bot_token_use (token_hash, used_at) values (?, ?)
  on conflict do nothing returning 1 as recorded`);

/** Marks a proof's key as used; false when some process had already done so. */
async function spendProof(db: Db, keyHash: string, now: Date): Promise<boolean> {
  const rows = await preparedStatementsOf(db).transaction((tx) =>
    tx.all(recordProofUse, [keyHash, now.getTime()]),
  );
  return rows.length === 1;
}

function refused(reason: string, codes: string[]): DomainError {
  return new DomainError('bot_check_failed', reason, { codes });
}

/**
 * The one owner of the public write path's bot check, for ballots and reports alike: a proof
 * used before (by any process) is refused without asking the provider; then the provider judges
 * it; then `write` runs with the key to record. Whatever refuses after the provider was asked
 * (the provider itself, a rule, a limit, a lost race), the proof is spent: no proof is judged
 * twice. Only a forged proof, which no provider would ever pass, is refused without a write. A write that records the key in its own transaction says so (`markSpent`) and saves a
 * second commit.
 *
 * `reason` names the refusal's message (ballot and report forms say different things).
 */
export async function withBotCheck<T>(
  db: Db,
  proof: BotCheckProof,
  now: Date,
  reason: string,
  write: (use: ProofUse) => Promise<T>,
): Promise<T> {
  if (proof.useKey === null) throw refused(reason, ['malformed-proof']);
  const keyHash = botTokenHash(proof.useKey);
  if (await isSpent(db, keyHash)) throw refused(reason, ['token-already-used']);
  const check = await proof.verify();
  if (!check.ok && check.forged) throw refused(reason, check.codes);
  let spent = false;
  try {
    if (!check.ok) throw refused(reason, check.codes);
    return await write({ keyHash, markSpent: () => (spent = true) });
  } catch (e) {
    if (!spent) await spendProof(db, keyHash, now);
    throw e;
  }
}
