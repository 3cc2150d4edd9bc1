import { z } from 'zod';
import { botCheckFields, hasOneProof, oneProofIssue } from './bot-check.ts';
import { ballotStatuses, campaignStages, countsVisibilities, trackKinds } from './enums.ts';

/**
 * Shapes of the public API. The OpenAPI document is generated from these, and the pages and
 * forms use the same schemas, so what is documented is what is enforced.
 */

/**
 * A row id as it comes in a path: digits only, at most 15 (so it stays an exact number). A
 * longer or other text is refused before any lookup: 400 nines made `Infinity`, which the
 * database refused with an error rather than "no such row".
 */
export const rowIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'a whole number')
  .transform(Number)
  .pipe(z.int().positive());

export const slugSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes only')
  .meta({ example: '2026' });

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'rule_violation' }),
      message: z.string().meta({ example: '所选候选人超过本类别上限（最多 10 名）。' }),
      reason: z.string().optional().meta({ example: 'too_many_picks' }),
      details: z.record(z.string(), z.unknown()).optional(),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: 'Validation problems, for 400 invalid_request.' }),
      requestId: z.string().optional().meta({
        description: 'For an unexpected error (500): the id under which the server logged it.',
      }),
    }),
  })
  .meta({ id: 'Error' });

export const trackSchema = z
  .object({
    slug: slugSchema,
    kind: z.enum(trackKinds),
    name: z.string(),
    description: z.string(),
    quota: z.int().meta({ description: 'How many will finally be named.' }),
    maxPicks: z.int().meta({ description: 'Most candidates one ballot may pick.' }),
    minPicks: z.int().meta({ description: 'Fewest candidates one ballot must pick.' }),
    ballotsPerDay: z
      .int()
      .meta({ description: 'Ballots one device may cast per day in this track.' }),
  })
  .meta({ id: 'Track' });

const stageDateSchema = z
  .object({
    stage: z.enum(campaignStages),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
  })
  .meta({ id: 'StageDate' });

export const campaignSummarySchema = z
  .object({
    slug: slugSchema,
    year: z.int(),
    title: z.string(),
    organiser: z.string(),
    stage: z.enum(campaignStages),
    votingState: z.enum(['not_yet_open', 'open', 'closed']),
    voteOpensAt: z.iso.datetime().nullable(),
    voteClosesAt: z.iso.datetime().nullable(),
    countsVisibility: z.enum(countsVisibilities),
    tracks: z.array(trackSchema),
  })
  .meta({ id: 'CampaignSummary' });

export const campaignDetailSchema = campaignSummarySchema
  .extend({
    intro: z.string().meta({ description: 'Markdown.' }),
    timeZone: z.string(),
    stageDates: z.array(stageDateSchema),
  })
  .meta({ id: 'Campaign' });

export const publicCandidateSchema = z
  .object({
    id: z.int(),
    number: z.int().meta({ description: 'Ballot number within the track.' }),
    track: slugSchema,
    kind: z.enum(trackKinds),
    name: z.string(),
    organisation: z.string(),
    district: z.string(),
    sector: z.string(),
    summary: z.string(),
    deeds: z.string().meta({ description: 'Markdown.' }),
    portraitUrl: z.string().nullable(),
    sex: z.string().nullable(),
    ethnicity: z.string().nullable(),
    birth: z.string().nullable().meta({ description: 'YYYY-MM' }),
    nativePlace: z.string().nullable(),
    politicalAffiliation: z.string().nullable(),
    partyJoined: z.string().nullable().meta({ description: 'YYYY-MM' }),
    workStarted: z.string().nullable().meta({ description: 'YYYY-MM' }),
    education: z.string().nullable(),
    degree: z.string().nullable(),
    currentPost: z.string().nullable(),
    cv: z.array(z.string()),
    headName: z.string().nullable(),
    headTitle: z.string().nullable(),
  })
  .meta({ id: 'Candidate' });

export const candidateListQuerySchema = z.object({
  track: slugSchema.optional().meta({ description: 'Only this track.' }),
});

export const ballotRequestSchema = z
  .object({
    campaign: slugSchema,
    track: slugSchema,
    candidates: z
      .array(z.int().positive())
      .min(1)
      .max(200)
      .meta({ description: 'Candidate ids; at most the track’s maxPicks, each once.' }),
    ...botCheckFields,
  })
  .strict()
  .refine(hasOneProof, oneProofIssue)
  .meta({ id: 'BallotRequest' });
export type BallotRequest = z.infer<typeof ballotRequestSchema>;

export const ballotReceiptSchema = z
  .object({
    receipt: z.string().meta({ example: 'K7QH-2M9X-TR4B' }),
    castAt: z.iso.datetime(),
    campaign: slugSchema,
    track: slugSchema,
    candidates: z.array(z.int()),
    remainingToday: z.int(),
    nextBallotAt: z.iso.datetime(),
  })
  .meta({ id: 'BallotReceipt' });

export const receiptStatusSchema = z
  .object({
    receipt: z.string(),
    status: z.enum(ballotStatuses),
    reasonCategory: z.string().optional(),
    castAt: z.iso.datetime(),
    campaign: z.object({ slug: z.string(), title: z.string() }),
    track: z.object({ slug: z.string(), name: z.string() }),
    picks: z
      .array(z.object({ id: z.int(), number: z.int(), name: z.string() }))
      .describe('The candidates the ballot picked, by number.'),
    nextBallotAt: z.iso
      .datetime()
      .nullable()
      .describe(
        'When the device that cast the ballot may vote again in the track; null once voting has closed.',
      ),
  })
  .meta({ id: 'ReceiptStatus' });

export const healthSchema = z
  .object({ status: z.enum(['ok', 'unavailable']) })
  .meta({ id: 'Health' });
