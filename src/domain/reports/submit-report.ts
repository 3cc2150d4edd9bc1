import { and, count, eq, sql } from 'drizzle-orm';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import type { Db } from '#src/db/client.ts';
import { report } from '#src/db/schema/index.ts';
import { reportsPerAddressPerDay, reportsPerDevicePerDay } from '#src/schemas/report.ts';
import { withBotCheck, type BotCheckProof } from '../bot-check/pass-bot-check.ts';
import { localDay, startOfNextLocalDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { checkReportPeriod, reportTimeZone } from './check-report-period.ts';
import { getReportableNotice } from './get-reportable-notice.ts';
import {
  hashReportCheckCode,
  makeReportCheckCode,
  makeReportReference,
} from './make-report-reference.ts';

export interface SubmitReportInput {
  noticeSlug: string;
  /** An entry of the notice, or null for the notice as a whole. */
  candidateId: number | null;
  /** Already trimmed and within bounds (src/schemas/report.ts). */
  content: string;
  name: string | null;
  phone: string | null;
  /** Keyed hash of the device cookie. */
  deviceHash: string;
  /** Keyed hash of the client address. */
  addressHash: string;
  now: Date;
  /**
   * The report's bot-check proof, judged once the request is known to be about an open notice
   * and before anything is written; a reader who is merely too late spends nothing.
   */
  botCheck: BotCheckProof;
}

export interface SubmitReportResult {
  reference: string;
  /** Shown once, to the reporter: with the reference it opens the report's status and reply. */
  checkCode: string;
  receivedAt: Date;
  /** Reports this device may still send today. */
  remainingToday: number;
}

/**
 * Takes a report from the public during a notice's period. Refusals come in a fixed order:
 * unknown or unpublished notice (404), period not open (409), entry not in the notice (422), bot
 * check (403, withBotCheck), today's limit for the device, then for the address (429); every
 * refusal after the bot check spends its proof. The limits are held by
 * the database: the unique key on (device, day, sequence) and a CHECK of 1..5 refuse a sixth
 * report from a device, and a trigger a 21st from an address, from any process, however they
 * race.
 */
export async function submitReport(db: Db, input: SubmitReportInput): Promise<SubmitReportResult> {
  const target = await getReportableNotice(db, input.noticeSlug);

  const state = checkReportPeriod(target, input.now);
  if (state !== 'open') {
    throw new DomainError(
      'conflict',
      state === 'ended' ? 'report_period_ended' : 'report_period_not_started',
      { periodStart: target.periodStart, periodEnd: target.periodEnd },
    );
  }
  if (
    input.candidateId !== null &&
    !target.entries.some((e) => e.candidateId === input.candidateId)
  ) {
    throw new DomainError('rule_violation', 'report_entry_unknown', {
      candidateId: input.candidateId,
    });
  }

  const day = localDay(input.now, reportTimeZone);
  const nextReportAt = startOfNextLocalDay(input.now, reportTimeZone);
  return withBotCheck(db, input.botCheck, input.now, 'report_bot_check_failed', async (proof) => {
    // A lost race for a sequence number or a reference collision is retried with fresh values;
    // the daily limit itself is decided by the count inside the transaction or by the CHECK.
    for (let attempt = 0; ; attempt++) {
      const reference = makeReportReference(day.slice(0, 4));
      const checkCode = makeReportCheckCode();
      try {
        const deviceSeq = await db.transaction(async (tx) => {
          const [sent] = await tx
            .select({ n: count() })
            .from(report)
            .where(and(eq(report.deviceHash, input.deviceHash), eq(report.day, day)));
          const deviceSeq = Number(sent?.n ?? 0) + 1;
          if (deviceSeq > reportsPerDevicePerDay) throw limitReached(nextReportAt, input.now);
          const [fromAddress] = await tx
            .select({ n: count() })
            .from(report)
            .where(and(eq(report.addressHash, input.addressHash), eq(report.day, day)));
          if (Number(fromAddress?.n ?? 0) >= reportsPerAddressPerDay) {
            throw limitReached(nextReportAt, input.now, 'address');
          }
          // The proof's use commits with the report; two sends of one proof race for this key.
          const claimed = await tx.all(sql`
            insert into bot_token_use (token_hash, used_at)
            values (${proof.keyHash}, ${input.now.getTime()}) on conflict do nothing returning 1`);
          if (claimed.length === 0) {
            throw new DomainError('bot_check_failed', 'report_bot_check_failed', {
              codes: ['token-already-used'],
            });
          }
          await tx.insert(report).values({
            reference,
            noticeId: target.id,
            candidateId: input.candidateId,
            content: input.content,
            reporterName: input.name,
            reporterPhone: input.phone,
            deviceHash: input.deviceHash,
            addressHash: input.addressHash,
            day,
            deviceSeq,
            createdAt: input.now,
            checkCodeHash: hashReportCheckCode(checkCode),
          });
          return deviceSeq;
        });
        proof.markSpent();
        return {
          reference,
          checkCode,
          receivedAt: input.now,
          remainingToday: reportsPerDevicePerDay - deviceSeq,
        };
      } catch (e) {
        if (databaseErrorMentions(e, 'report_device_seq_range')) {
          throw limitReached(nextReportAt, input.now);
        }
        if (databaseErrorMentions(e, 'report over the address limit')) {
          throw limitReached(nextReportAt, input.now, 'address');
        }
        const raced = databaseErrorMentions(
          e,
          'report.reference',
          'report.device_hash, report.day',
          'a report is never written over',
        );
        if (raced && attempt < 4) continue;
        throw e;
      }
    }
  });
}

function limitReached(nextReportAt: Date, now: Date, by: 'device' | 'address' = 'device') {
  return new DomainError(
    'rate_limited',
    by === 'device' ? 'report_daily_limit' : 'report_address_limit',
    {
      limit: by === 'device' ? reportsPerDevicePerDay : reportsPerAddressPerDay,
      nextReportAt: nextReportAt.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((nextReportAt.getTime() - now.getTime()) / 1000)),
    },
  );
}
