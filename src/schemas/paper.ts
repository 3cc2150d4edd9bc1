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

export const ballotLayouts = ['a4', 'column'] as const;
export type BallotLayout = (typeof ballotLayouts)[number];
