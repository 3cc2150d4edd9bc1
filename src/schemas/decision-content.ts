import { z } from 'zod';
import { noticeEntryOrders, trackKinds } from './enums.ts';

/**
 * One unit or person named by the decision, copied from the notice's entry when the revision is
 * published: the honour (the track), the name, and for a person the unit and post.
 */
export const decisionEntrySchema = z.object({
  candidateId: z.int().positive(),
  kind: z.enum(trackKinds),
  track: z.string(),
  trackName: z.string(),
  name: z.string(),
  organisation: z.string(),
  currentPost: z.string().nullable(),
});
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;

/** A whole published naming decision: what `naming_decision_revision.content` holds. */
export const decisionContentSchema = z.object({
  serial: z.string(),
  title: z.string(),
  lead: z.string(),
  closing: z.string(),
  signature: z.string(),
  signedOn: z.string(),
  /** The notice (and its revision) the list was taken from. */
  noticeSlug: z.string(),
  noticeRevision: z.int().positive(),
  /** The notice's order within each track. */
  entryOrder: z.enum(noticeEntryOrders),
  entries: z.array(decisionEntrySchema),
});
export type DecisionContent = z.infer<typeof decisionContentSchema>;
