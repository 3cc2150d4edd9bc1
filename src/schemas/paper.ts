import { z } from 'zod';
import { slugSchema } from './api.ts';
import { paperChannels } from './enums.ts';
import { lineText } from './text.ts';

/** A batch of printed ballots as staff register it. */
export const ballotBatchInputSchema = z
  .object({
    trackSlug: slugSchema,
    channel: z.enum(paperChannels),
    label: lineText().trim().min(1).max(100),
    destination: lineText().trim().min(1).max(300),
    ballotCount: z.int().min(1).max(100000),
  })
  .strict();
export type BallotBatchInput = z.infer<typeof ballotBatchInputSchema>;

/** The print page renders at most this many ballots at once; larger batches print in parts. */
export const printPartSize = 200;

/** A4 and newspaper-column ballots; `tally` is an on-site booth's blank tally sheet. */
export const ballotLayouts = ['a4', 'column', 'tally'] as const;
export type BallotLayout = (typeof ballotLayouts)[number];

/**
 * One paper ballot as a teller types it: the printed serial, then the candidate numbers marked
 * (none for a ballot with no mark), or `unreadable`. `correction` replaces the teller's own
 * earlier entry of that serial in their pass (the earlier one is kept, marked replaced).
 */
export const paperEntryInputSchema = z
  .object({
    serial: z.string().max(20),
    picks: z.array(z.int().min(1).max(9999)).max(500),
    unreadable: z.boolean().default(false),
    correction: z.boolean().default(false),
  })
  .strict();
export type PaperEntryInput = z.infer<typeof paperEntryInputSchema>;

/**
 * An on-site booth's tally sheet as a teller types it: ballots cast, invalid ones, the votes of
 * each candidate number, and the total of votes the sheet states (checked to add up).
 */
export const tallySheetInputSchema = z
  .object({
    ballotsCast: z.int().min(0).max(1000000),
    invalidBallots: z.int().min(0).max(1000000),
    counts: z.record(z.string().regex(/^[1-9]\d{0,3}$/), z.int().min(0).max(100000000)),
    totalVotes: z.int().min(0).max(100000000),
    correction: z.boolean().default(false),
  })
  .strict()
  .refine((t) => t.invalidBallots <= t.ballotsCast, {
    message: '无效票数不能多于投票总数。',
    path: ['invalidBallots'],
  });
export type TallySheetInput = z.infer<typeof tallySheetInputSchema>;

/**
 * How a third person settles a difference between the passes over one ballot, after looking at
 * the paper: the marks as they read them (judged by the rule like any entry), `unreadable`, or
 * `absent` when the batch holds no such ballot (it does not count).
 */
export const paperResolutionInputSchema = z
  .object({
    serial: z.string().max(20),
    picks: z.array(z.int().min(1).max(9999)).max(500).default([]),
    unreadable: z.boolean().default(false),
    absent: z.boolean().default(false),
    note: lineText().trim().max(500).default(''),
  })
  .strict();
export type PaperResolutionInput = z.infer<typeof paperResolutionInputSchema>;

/** Settles two different tally sheets of an on-site batch: the pass whose sheet is right. */
export const tallyResolutionInputSchema = z
  .object({
    pass: z.union([z.literal(1), z.literal(2)]),
    note: lineText().trim().max(500).default(''),
  })
  .strict();
export type TallyResolutionInput = z.infer<typeof tallyResolutionInputSchema>;
