import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaign } from './campaign.ts';
import { notice } from './notice.ts';
import { publishedRevisionColumns, requiredRef, timestampDefaultNow } from './columns.ts';

/**
 * The naming decision (命名决定) that concludes a selection, e.g. 中共澄川市委关于命名……的决定:
 * a document of its own, issued by the city committee after the publicity. This row is the
 * draft (its framing text); the list of those named is taken, when a revision is published,
 * from the notice's entries minus those whose naming is suspended, never typed in.
 */
export const namingDecision = sqliteTable(
  'naming_decision',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id),
    noticeId: requiredRef(() => notice.id),
    /** Stable permalink part, the campaign's slug: `/decisions/2025`. */
    slug: text().notNull(),
    /** e.g. 澄委〔2026〕3号 */
    serial: text().notNull(),
    title: text().notNull(),
    /** The basis and the decision: 市委决定，命名……为“担当作为好单位”…… */
    lead: text().notNull(),
    /** The closing call (希望……), after the list. */
    closing: text().notNull(),
    signature: text().notNull(),
    signedOn: text().notNull(),
    /** The latest published revision; 0 while only a draft exists. */
    currentRevision: integer().notNull().default(0),
    /** When revision 1 was published. */
    publishedAt: integer({ mode: 'timestamp_ms' }),
    updatedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: timestampDefaultNow(),
  },
  (t) => [
    uniqueIndex('naming_decision_slug_unique').on(t.slug),
    uniqueIndex('naming_decision_campaign_unique').on(t.campaignId),
    check('naming_decision_revision_count', sql`${t.currentRevision} >= 0`),
  ],
);

/**
 * Every published version of a naming decision, complete (text and the list named), never
 * updated or deleted (triggers): a correction is a new revision with its change shown.
 */
export const namingDecisionRevision = sqliteTable(
  'naming_decision_revision',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    decisionId: requiredRef(() => namingDecision.id),
    /** `content`: the whole published decision as JSON (src/schemas/decision-content.ts). */
    ...publishedRevisionColumns(),
  },
  (t) => [
    uniqueIndex('naming_decision_revision_unique').on(t.decisionId, t.revision),
    check('naming_decision_revision_positive', sql`${t.revision} >= 1`),
  ],
);
