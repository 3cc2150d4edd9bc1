import { z } from 'zod';
import { paragraphText } from './text.ts';
import { slugSchema } from './api.ts';

/** Why staff voided ballots; shown to voters on their receipt as a category, never the evidence. */
export const voidReasonCategories = [
  'burst',
  'address_concentration',
  'network_concentration',
  'new_devices',
  'other',
] as const;
export type VoidReasonCategory = (typeof voidReasonCategories)[number];

/** A keyed hash as the integrity report shows it (base64url). */
const hash = z.string().regex(/^[\w-]{10,100}$/, 'a hash from the integrity report');

/**
 * Which ballots to void. A time window is always required, so that one mistaken request can
 * never void a whole vote.
 */
export const voidFilterSchema = z
  .object({
    track: slugSchema.optional(),
    candidateId: z.int().positive().optional(),
    addressHash: hash.optional(),
    networkHash: hash.optional(),
    deviceHash: hash.optional(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
  })
  .strict()
  .refine((f) => Date.parse(f.from) < Date.parse(f.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type VoidFilter = z.infer<typeof voidFilterSchema>;

export const voidRequestSchema = z
  .object({
    filter: voidFilterSchema,
    reasonCategory: z.enum(voidReasonCategories),
    note: paragraphText().trim().min(1).max(1000),
    /** Only count what would be voided. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const integrityQuerySchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
