import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { candidate, track } from '#src/db/schema/index.ts';
import type { NoticeEntryOrder } from '#src/schemas/enums.ts';
import type { NoticeEntry } from '#src/schemas/notice-content.ts';

/** Names by the strokes of their first character, then of the next (姓氏笔画), as ICU sorts them. */
const byStrokes = new Intl.Collator('zh-u-co-stroke');

/**
 * The entries of a campaign's notice: its elected candidates, track by track in the tracks'
 * display order, then in the notice's order: by the strokes of the surname (a unit's name for
 * units), ties by ballot number, or by ballot number alone (never by votes). The fields are
 * copied, so a published revision keeps them as they were. The portrait goes in only when the
 * notice shows photos and the candidate has one.
 */
export async function buildNoticeEntries(
  db: Db | Tx,
  input: { campaignId: number; showPhotos: boolean; order: NoticeEntryOrder },
): Promise<NoticeEntry[]> {
  const rows = await db
    .select({ c: candidate, t: track })
    .from(candidate)
    .innerJoin(track, eq(track.id, candidate.trackId))
    .where(and(eq(candidate.campaignId, input.campaignId), eq(candidate.status, 'elected')))
    .orderBy(asc(track.position), asc(track.id), asc(candidate.number));
  if (input.order === 'stroke') {
    // Within a track by strokes, ties by ballot number; the tracks keep their order.
    const byNumber = new Map(rows.map((r, i) => [r, i]));
    rows.sort(
      (a, b) =>
        a.t.position - b.t.position ||
        a.t.id - b.t.id ||
        byStrokes.compare(a.c.name.trim(), b.c.name.trim()) ||
        byNumber.get(a)! - byNumber.get(b)!,
    );
  }
  return rows.map(({ c, t }) => {
    const person = t.kind === 'individual';
    // A unit has no personal fields and a person no head: whatever a stray column holds is
    // left out, so the entry prints in its kind's format only.
    const personal = (v: string | null) => (person ? blankToNull(v) : null);
    const unit = (v: string | null) => (person ? null : blankToNull(v));
    return {
      candidateId: c.id,
      kind: t.kind,
      track: t.slug,
      trackName: t.name,
      number: c.number,
      name: c.name.trim(),
      organisation: c.organisation.trim(),
      sex: personal(c.sex),
      ethnicity: personal(c.ethnicity),
      birth: personal(c.birth),
      nativePlace: personal(c.nativePlace),
      politicalAffiliation: personal(c.politicalAffiliation),
      partyJoined: personal(c.partyJoined),
      workStarted: personal(c.workStarted),
      education: personal(c.education),
      degree: personal(c.degree),
      currentPost: personal(c.currentPost),
      headName: unit(c.headName),
      headTitle: unit(c.headTitle),
      summary: c.summary.trim(),
      portraitId: input.showPhotos ? c.portraitId : null,
    };
  });
}

function blankToNull(v: string | null): string | null {
  const trimmed = v?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
