import { z } from 'zod';
import { decisionEntrySchema } from './decision-content.ts';
import { noticeEntryOrders } from './enums.ts';
import { noticeDateSchema } from './notice-input.ts';
import { publishedRevisionShape, revisionQuerySchema, shownRevisionShape } from './publication.ts';
import { lineText, paragraphText } from './text.ts';

/** Request bodies of the staff decision API and the public decision shapes. No server imports. */

const line = (max: number) => lineText().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`);
const paragraphs = (max: number) =>
  paragraphText().trim().min(1, '不能为空').max(max, `最多 ${max} 个字`);

/** PUT /api/staff/campaigns/{slug}/decision: any of the draft's fields, at least one. */
export const decisionUpdateRequestSchema = z
  .object({
    serial: line(60),
    title: line(200),
    lead: paragraphs(2000),
    closing: paragraphs(2000),
    signature: line(100),
    signedOn: noticeDateSchema,
  })
  .strict()
  .partial()
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export type DecisionUpdateRequest = z.infer<typeof decisionUpdateRequestSchema>;

/** POST /api/staff/campaigns/{slug}/decision/publish */
export const decisionPublishRequestSchema = z
  .object({ changeNote: paragraphText().trim().max(500, '最多 500 个字').optional() })
  .strict();

/** The framing fields compared between two revisions, in the document's order. */
export const decisionFramingFields = [
  'serial',
  'title',
  'lead',
  'closing',
  'signature',
  'signedOn',
] as const;
export type DecisionFramingField = (typeof decisionFramingFields)[number];

/** Fields of a named entry compared between revisions. */
export const decisionEntryFields = [
  'track',
  'name',
  'organisation',
  'currentPost',
] as const satisfies readonly (keyof z.infer<typeof decisionEntrySchema>)[];

// Public API shapes (documented in the OpenAPI document).

export const decisionSummarySchema = z
  .object({
    slug: z.string().meta({ example: '2025' }),
    campaign: z.string().meta({ description: 'The selection’s slug.', example: '2025' }),
    year: z.int(),
    serial: z.string(),
    title: z.string(),
    signedOn: z.iso.date(),
    ...publishedRevisionShape,
    notice: z.url().meta({ description: 'The publicity notice the list was taken from.' }),
  })
  .meta({ id: 'DecisionSummary' });

export const publicDecisionSchema = decisionSummarySchema
  .extend({
    lead: z.string(),
    closing: z.string(),
    signature: z.string(),
    entryOrder: z.enum(noticeEntryOrders),
    noticeRevision: z.int().meta({ description: 'The notice revision the list was taken from.' }),
    ...shownRevisionShape,
    revisions: z.array(
      z.object({
        revision: z.int(),
        publishedAt: z.iso.datetime(),
        changeNote: z.string(),
        url: z.url(),
      }),
    ),
    entries: z.array(decisionEntrySchema.meta({ id: 'DecisionEntry' })).meta({
      description:
        'Those named: the notice’s entries minus those whose naming is suspended, in the notice’s order.',
    }),
  })
  .meta({ id: 'Decision' });

export const decisionQuerySchema = revisionQuerySchema;
