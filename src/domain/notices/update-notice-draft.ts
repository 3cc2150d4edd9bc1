import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { notice } from '#src/db/schema/index.ts';
import type { NoticeUpdateRequest } from '#src/schemas/notice-input.ts';
import { changedFields } from '../audit/changed-fields.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { addWorkingDays, isWorkingDay } from './add-working-days.ts';
import { getCampaignNotice } from './get-campaign-notice.ts';
import type { NoticeRow } from './build-notice-content.ts';
import { loadHolidayCalendar, type HolidayCalendar } from './load-holiday-calendar.ts';

export interface UpdateNoticeDraftInput {
  campaignSlug: string;
  changes: NoticeUpdateRequest;
  actorId: number | null;
  now: Date;
  calendar?: HolidayCalendar;
}

/**
 * Edits the notice's draft. The draft is the notice row itself; what the public reads is the
 * published revisions, which are never changed. So after publication an edit prepares the next
 * revision (a correction), and reaches the public only when that is published with a note.
 * The period's end is always computed from its start and its working days.
 */
export async function updateNoticeDraft(db: Db, input: UpdateNoticeDraftInput): Promise<NoticeRow> {
  const calendar = input.calendar ?? loadHolidayCalendar();
  return db.transaction(async (tx) => {
    const { row: before } = await getCampaignNotice(tx, input.campaignSlug);
    const next = { ...before, ...input.changes };
    if (!isWorkingDay(next.periodStart, calendar)) {
      throw new DomainError('rule_violation', 'notice_start_not_working_day', {
        periodStart: next.periodStart,
      });
    }
    next.periodEnd = addWorkingDays(next.periodStart, next.workingDays, calendar);
    // A notice is signed before it runs; a signature dated inside the period would be a typo.
    if (next.signedOn > next.periodStart) {
      throw new DomainError('rule_violation', 'notice_signed_after_start', {
        signedOn: next.signedOn,
        periodStart: next.periodStart,
      });
    }
    const change = changedFields(before, next);
    if (!change) return before;
    const { id: _id, createdAt: _created, ...values } = next;
    const [row] = await tx
      .update(notice)
      .set({ ...values, updatedAt: input.now })
      .where(eq(notice.id, before.id))
      .returning();
    await recordAuditEntry(tx, input, {
      action: 'notice.update',
      entityType: 'notice',
      entityId: before.id,
      ...change,
    });
    return row!;
  });
}
