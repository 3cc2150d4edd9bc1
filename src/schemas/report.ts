import { z } from 'zod';
import { lineText, paragraphText } from './text.ts';
import { slugSchema } from './api.ts';
import { botCheckFields, hasOneProof, oneProofIssue } from './bot-check.ts';
import { reportFindings, reportStatuses } from './enums.ts';
import {
  reportCheckCodePattern,
  reportReferencePattern,
} from '../domain/reports/make-report-reference.ts';

/**
 * Shapes of reports from the public (公示期间的群众反映) and of the supervisors' queries. The form,
 * the API and the OpenAPI document use the same schemas.
 */

export const reportContentMaxChars = 1000;
export const reporterNameMaxChars = 50;
export const reporterPhoneMaxChars = 20;
/** Reports one device may send per local day; the database holds it (CHECK 1..5). */
export const reportsPerDevicePerDay = 5;
/** Reports one client address may send per local day; the database holds it (a trigger). */
export const reportsPerAddressPerDay = 20;

/**
 * Characters as a reader counts them (and as SQLite's `length()` does in the table's CHECK):
 * code points, so an emoji or a rare character outside the BMP counts once, not twice.
 */
function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A mainland mobile number (optionally +86) or a landline with its area code (010, 02x or a
 * four-digit code starting with 0, then 7 or 8 digits), as people write them: spaces, dashes
 * and brackets around the area code are ignored.
 */
function isPlausiblePhone(text: string): boolean {
  const digits = text.replace(/[\s()（）-]/g, '');
  return /^(?:\+?86)?1[3-9]\d{9}$/.test(digits) || /^0(?:[12]\d|[3-9]\d{2})\d{7,8}$/.test(digits);
}

const optionalText = (max: number) =>
  lineText()
    .trim()
    .refine((v) => countChars(v) <= max, { message: `at most ${max} characters` })
    .nullish();

export const reportRequestSchema = z
  .object({
    candidateId: z.int().positive().nullish().meta({
      description:
        'The entry of the notice the report concerns (its candidate id); null or absent for the notice as a whole.',
    }),
    content: paragraphText()
      .trim()
      .min(1, 'must not be empty')
      .refine((v) => countChars(v) <= reportContentMaxChars, {
        message: `at most ${reportContentMaxChars} characters`,
      })
      .meta({ description: '1 to 1,000 characters after trimming.' }),
    name: optionalText(reporterNameMaxChars).meta({
      description: 'Optional; at most 50 characters. Real-name reports are encouraged.',
    }),
    phone: lineText()
      .trim()
      .max(reporterPhoneMaxChars)
      .refine((v) => v === '' || isPlausiblePhone(v), {
        message: 'a mainland mobile number or a landline with its area code',
      })
      .nullish()
      .meta({
        description: 'Optional: a mainland mobile number or a landline with its area code.',
        example: '0519-86001234',
      }),
    ...botCheckFields,
  })
  .strict()
  .refine(hasOneProof, oneProofIssue)
  .meta({ id: 'ReportRequest' });
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export const reportAcknowledgementSchema = z
  .object({
    reference: z
      .string()
      .meta({ example: 'JB-2026-7K3Q9M', description: 'Keep it to refer to the report later.' }),
    checkCode: z.string().meta({
      example: 'Q7M4K2XA',
      description:
        'Shown once. With the reference it opens the report’s status and reply (`POST /api/reports/status`); the reference alone opens nothing.',
    }),
    receivedAt: z.iso.datetime(),
    message: z.string().meta({ description: 'The acknowledgement, in the reader’s language.' }),
  })
  .meta({ id: 'ReportAcknowledgement' });

/** Filters of the supervisors' list; every one optional. */
export const reportQuerySchema = z
  .object({
    /** The notice's slug. */
    notice: slugSchema.optional(),
    /** Where the reports stand: received (not taken up), verifying or concluded. */
    status: z.enum(reportStatuses).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Reports older than this id (the next page). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** Reference and check code as a reporter types them: spaces ignored, either case. */
const typedCode = (pattern: RegExp, example: string) =>
  lineText()
    .max(40)
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(pattern, 'not a code this site hands out'))
    .meta({ example });

export const reportStatusRequestSchema = z
  .object({
    reference: typedCode(reportReferencePattern, 'JB-2026-7K3Q9M'),
    checkCode: typedCode(reportCheckCodePattern, 'Q7M4K2XA'),
  })
  .strict()
  .meta({ id: 'ReportStatusRequest' });

export const reportStatusSchema = z
  .object({
    reference: z.string(),
    notice: z.object({ slug: z.string(), serial: z.string(), title: z.string() }),
    status: z.enum(reportStatuses).meta({
      description: 'received: not yet taken up; verifying: being checked; concluded: answered.',
    }),
    statusText: z.string().meta({ description: 'The status in the reader’s language.' }),
    receivedAt: z.iso.datetime(),
    verifyingSince: z.iso.datetime().nullable(),
    concludedAt: z.iso.datetime().nullable(),
    finding: z.enum(reportFindings).nullable().meta({
      description:
        'Once concluded: substantiated (属实), partly_substantiated (部分属实), unsubstantiated (不属实) or unverifiable (无法核实).',
    }),
    findingText: z.string().nullable(),
    reply: z.string().nullable().meta({ description: 'The supervisors’ answer, once concluded.' }),
  })
  .meta({ id: 'ReportStatus' });

/** A supervisor's conclusion of a report being verified; messages for the Chinese staff page. */
export const reportConclusionSchema = z
  .object({
    finding: z.enum(reportFindings, '请选择核实结论'),
    actionTaken: paragraphText()
      .trim()
      .min(1, '请填写处理情况')
      .refine((v) => countChars(v) <= 2000, { message: '处理情况最多 2000 字' }),
    reply: paragraphText()
      .trim()
      .min(1, '请填写给反映人的答复')
      .refine((v) => countChars(v) <= 1000, { message: '答复最多 1000 字' }),
  })
  .strict();
