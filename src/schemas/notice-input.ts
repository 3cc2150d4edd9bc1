import { z } from 'zod';
import { lineText, paragraphText } from './text.ts';
import { personParticulars } from './candidate-input.ts';
import { noticeEntryOrders } from './enums.ts';
import { noticeEntrySchema, reportChannelsShape } from './notice-content.ts';
import { publishedRevisionShape, revisionQuerySchema, shownRevisionShape } from './publication.ts';

/**
 * Request bodies of the staff notice API and the public notice shapes. No server imports: the
 * admin page reads the same limits.
 */

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is refused). */
export const noticeDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 YYYY-MM-DD，例如 2026-01-12')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, '不是一个真实的日期');

const text = (max: number) => lineText().trim().max(max, `最多 ${max} 个字`);
/** Paragraphs: the lead, an address over two lines, the rules for reports. */
const paragraphs = (max: number) => paragraphText().trim().max(max, `最多 ${max} 个字`);
const required = (max: number) => text(max).min(1, '不能为空');

/**
 * Reporting channels may stay empty while the draft is written (staff fill them in before
 * publishing; publishing refuses an empty one). What is filled in must look right.
 */
export const noticeDraftFieldsSchema = z
  .object({
    serial: required(60),
    title: required(200),
    lead: paragraphs(2000).min(1, '不能为空'),
    periodStart: noticeDateSchema,
    workingDays: z.int('应为整数').min(1, '至少 1 个工作日').max(30, '最多 30 个工作日'),
    reportPhone: text(80).regex(
      /^$|^[0-9０-９()（）+\-－—、,，;；/ 转]{5,80}$/,
      '只能填写电话号码，多个号码用顿号分隔，例如 0519-12380',
    ),
    reportAddress: paragraphs(200),
    reportPostcode: text(6).regex(/^$|^\d{6}$/, '邮政编码为 6 位数字'),
    reportVisit: paragraphs(300),
    reportWeb: text(300).regex(/^$|^https?:\/\/\S+$/, '应为以 http:// 或 https:// 开头的网址'),
    reportRules: paragraphs(1000),
    signature: required(100),
    signedOn: noticeDateSchema,
    showPhotos: z.boolean(),
    showSummaries: z.boolean(),
    entryOrder: z.enum(noticeEntryOrders, '请选择排列顺序'),
  })
  .strict();
export type NoticeDraftFields = z.infer<typeof noticeDraftFieldsSchema>;

/** PUT /api/staff/campaigns/{slug}/notice: any of the draft's fields, at least one. */
export const noticeUpdateRequestSchema = noticeDraftFieldsSchema
  .partial()
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export type NoticeUpdateRequest = z.infer<typeof noticeUpdateRequestSchema>;

/** POST /api/staff/campaigns/{slug}/notice/publish */
export const noticePublishRequestSchema = z
  .object({
    /** Why a correction is published; required from the second revision on. */
    changeNote: paragraphs(500).optional(),
  })
  .strict();
export type NoticePublishRequest = z.infer<typeof noticePublishRequestSchema>;

/** POST /api/staff/campaigns/{slug}/notice/outcome */
export const noticeOutcomeRequestSchema = z
  .object({
    /** What verification found (经核实，……); required when reports were received. */
    findings: paragraphs(1000).default(''),
    /** Entries whose naming is suspended (暂缓命名), by candidate id. */
    suspended: z.array(z.int().positive()).max(500).default([]),
    /** Why a published outcome is corrected; required from the second time on. */
    changeNote: paragraphs(500).optional(),
  })
  .strict();

/** How the public may report a concern: the notice's channels (phone, post, visit, web) and rules. */
const noticeReportFields = [
  'reportPhone',
  'reportAddress',
  'reportPostcode',
  'reportVisit',
  'reportWeb',
  'reportRules',
] as const;

/** The fields of a notice a reader may check against each other between two revisions. */
export const noticeFramingFields = [
  'serial',
  'title',
  'lead',
  'periodStart',
  'periodEnd',
  'workingDays',
  ...noticeReportFields,
  'signature',
  'signedOn',
  'showPhotos',
  'showSummaries',
  'entryOrder',
] as const;
export type NoticeFramingField = (typeof noticeFramingFields)[number];

/** Fields every published notice must have filled in. */
export const noticeRequiredFields = [
  'serial',
  'title',
  'lead',
  ...noticeReportFields,
  'signature',
] as const;

/** Fields of an entry compared between revisions (everything a reader sees). */
export const noticeEntryFields = [
  'track',
  'number',
  'name',
  'organisation',
  ...personParticulars,
  'headName',
  'headTitle',
  'summary',
  'portraitId',
] as const satisfies readonly (keyof z.infer<typeof noticeEntrySchema>)[];
export type NoticeEntryField = (typeof noticeEntryFields)[number];

export const noticePeriodStatuses = ['upcoming', 'running', 'ended'] as const;
export type NoticePeriodStatus = (typeof noticePeriodStatuses)[number];

// Public API shapes (documented in the OpenAPI document).

const slug = z.string().meta({ example: '2025-1' });

const noticeRevisionSummarySchema = z
  .object({
    revision: z.int().meta({ example: 1 }),
    publishedAt: z.iso.datetime(),
    changeNote: z
      .string()
      .meta({ description: 'Why this revision was published; empty for the first.' }),
    url: z.url().meta({ description: 'The page of this revision.' }),
  })
  .meta({ id: 'NoticeRevisionSummary' });

export const noticeSummarySchema = z
  .object({
    slug,
    campaign: z.string().meta({ description: 'The selection’s slug.', example: '2025' }),
    year: z.int().meta({ example: 2025 }),
    serial: z.string(),
    title: z.string(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    workingDays: z.int(),
    status: z.enum(noticePeriodStatuses).meta({
      description: 'Today (Asia/Shanghai) before, within or after the publicity period.',
    }),
    ...publishedRevisionShape,
  })
  .meta({ id: 'NoticeSummary' });

const publicNoticeEntrySchema = noticeEntrySchema
  .extend({
    portraitUrl: z.url().nullable().meta({ description: 'Only when the notice shows photos.' }),
  })
  .meta({ id: 'NoticeEntry' });

const publicNoticeOutcomeSchema = z
  .object({
    reportsReceived: z.int().meta({
      description: 'Reports received during the period, counted when the outcome was published.',
    }),
    findings: z.string().meta({ description: 'What verification found, in the issuer’s words.' }),
    suspended: z.array(z.int()).meta({
      description: 'Candidate ids of the entries whose naming is suspended (暂缓命名).',
    }),
    statedOn: z.iso.date(),
    text: z.array(z.string()).meta({ description: 'The outcome as the notice prints it.' }),
  })
  .meta({ id: 'NoticeOutcome' });

export const publicNoticeSchema = noticeSummarySchema
  .extend({
    lead: z.string(),
    ...reportChannelsShape,
    signature: z.string(),
    signedOn: z.iso.date(),
    showPhotos: z.boolean(),
    showSummaries: z.boolean(),
    entryOrder: z.enum(noticeEntryOrders).meta({
      description:
        'The order of entries within each track: `stroke`, by the strokes of the surname (姓氏笔画; a unit’s name for units), or `number`, by ballot number.',
    }),
    ...shownRevisionShape,
    revisions: z.array(noticeRevisionSummarySchema),
    entries: z.array(publicNoticeEntrySchema),
    csv: z.url(),
    outcome: publicNoticeOutcomeSchema.nullable().meta({
      description:
        'The outcome of the publicity, published as a revision once the period has ended; null before.',
    }),
    decision: z.url().nullable().meta({
      description: 'The naming decision that followed the notice, once published.',
    }),
  })
  .meta({ id: 'Notice' });

export const noticeQuerySchema = revisionQuerySchema;
