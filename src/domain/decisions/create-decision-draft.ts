import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { namingDecision } from '#src/db/schema/index.ts';
import type { DecisionEntry } from '#src/schemas/decision-content.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { localDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { noticeTimeZone } from '../notices/compute-notice-status.ts';
import { shortOrganiser, titleCore } from '../notices/create-notice-draft.ts';
import type { DecisionRow } from './build-decision-content.ts';
import { buildDecisionEntries } from './build-decision-entries.ts';
import { getConcludingNotice, requireStatedOutcome } from './get-concluding-notice.ts';

export interface CreateDecisionDraftInput {
  campaignSlug: string;
  actorId: number | null;
  now: Date;
}

/**
 * Starts the naming decision as a draft in the customary wording, so staff edit rather than
 * write from nothing: issued by the city committee (the organiser without its 组织部, e.g.
 * 中共澄川市委), a serial in its pattern (澄委〔2026〕1号), the title 中共澄川市委关于命名……的决定,
 * a lead naming the first of each track and how many (the notice's entries minus those whose
 * naming is suspended), the customary closing, signed today. Only once the outcome of the
 * publicity is published; one decision per campaign, at `/decisions/<campaign-slug>`.
 */
export async function createDecisionDraft(
  db: Db,
  input: CreateDecisionDraftInput,
): Promise<DecisionRow> {
  return db.transaction(async (tx) => {
    const found = await getConcludingNotice(tx, input.campaignSlug);
    const c = found.campaign;
    const existing = await tx.query.namingDecision.findFirst({
      where: eq(namingDecision.campaignId, c.id),
    });
    if (existing) throw new DomainError('conflict', 'decision_exists', { slug: existing.slug });
    const latest = requireStatedOutcome(found);
    const entries = buildDecisionEntries(latest.content);
    const today = localDay(input.now, noticeTimeZone);
    const body = issuingBody(c.organiser);
    const city = /^(?:中共)?(.+?)(?:市|县|区)委/.exec(c.organiser)?.[1] ?? '';
    const [row] = await tx
      .insert(namingDecision)
      .values({
        campaignId: c.id,
        noticeId: found.notice.id,
        slug: c.slug,
        serial: `${shortOrganiser(c.organiser)}委〔${today.slice(0, 4)}〕1号`,
        title: `${body}关于命名${c.year}年度${titleCore(c.title, c.year)}的决定`,
        lead:
          `为激励广大党员干部新时代新担当新作为，根据${c.organiser}关于开展${c.title}工作的部署，` +
          `经推荐、初审入围、事迹展示和群众投票、二次入围、常委会差额票决和公示，${body}决定：` +
          `${namingSentence(entries)}。`,
        closing:
          '希望受到命名的单位和同志珍惜荣誉、戒骄戒躁，在今后的工作中再接再厉、再创佳绩。' +
          `全市广大党员干部要以他们为榜样，坚持敢于担当、善于作为，为推动${city}高质量发展作出新的更大贡献。`,
        signature: body,
        signedOn: today,
        updatedAt: input.now,
      })
      .returning();
    await recordAuditEntry(tx, input, {
      action: 'decision.create',
      entityType: 'naming_decision',
      entityId: row!.id,
      before: null,
      after: { campaign: c.slug, slug: row!.slug, serial: row!.serial },
    });
    return row!;
  });
}

/** 中共澄川市委组织部 → 中共澄川市委: the committee the department belongs to. */
function issuingBody(organiser: string): string {
  return organiser.replace(/组织部$/, '') || organiser;
}

/** `命名甲单位等2个单位为“担当作为好单位”，命名乙等3名同志为“担当作为好干部”` */
function namingSentence(entries: DecisionEntry[]): string {
  const tracks: { name: string; kind: string; entries: DecisionEntry[] }[] = [];
  for (const e of entries) {
    const last = tracks[tracks.length - 1];
    if (last && last.name === e.trackName) last.entries.push(e);
    else tracks.push({ name: e.trackName, kind: e.kind, entries: [e] });
  }
  return tracks
    .map((t) => {
      const n = t.entries.length;
      const first = t.entries[0]!.name;
      const who =
        t.kind === 'unit'
          ? n > 1
            ? `${first}等${n}个单位`
            : first
          : n > 1
            ? `${first}等${n}名同志`
            : `${first}同志`;
      return `命名${who}为“${t.name}”`;
    })
    .join('，');
}
