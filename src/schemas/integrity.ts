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

/**
 * A keyed hash as the integrity report gives it: HMAC-SHA256 in base64url, always 43 characters.
 * The page shows them shortened; a shortened one pasted here would match no ballot and void
 * nothing without a word, so it is refused.
 */
const hash = z
  .string()
  .regex(
    /^[\w-]{43}$/,
    '应为监测页给出的完整哈希（43 个字符）。表格里缩短显示的哈希不能用，请点该行旁的“作废这些选票”按钮填入。',
  );

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
