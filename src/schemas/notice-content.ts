import { z } from 'zod';
import { noticeEntryOrders, trackKinds } from './enums.ts';

/**
 * One entry of a notice, as published: a person (the fields of a pre-appointment notice, in
 * their customary order) or a unit (its name and head). Copied from the candidate when the
 * revision is published, so later edits to the candidate never change a published notice.
 */
export const noticeEntrySchema = z.object({
  candidateId: z.int().positive(),
  kind: z.enum(trackKinds),
  track: z.string(),
  trackName: z.string(),
  number: z.int(),
  name: z.string(),
  organisation: z.string(),
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  /** `YYYY-MM` */
  birth: z.string().nullable(),
  nativePlace: z.string().nullable(),
  politicalAffiliation: z.string().nullable(),
  /** `YYYY-MM` */
  partyJoined: z.string().nullable(),
  /** `YYYY-MM` */
  workStarted: z.string().nullable(),
  education: z.string().nullable(),
  degree: z.string().nullable(),
  currentPost: z.string().nullable(),
  headName: z.string().nullable(),
  headTitle: z.string().nullable(),
  summary: z.string(),
  /** The portrait's media id when the notice shows photos. */
  portraitId: z.string().nullable(),
});
export type NoticeEntry = z.infer<typeof noticeEntrySchema>;

/**
 * The outcome of the publicity (公示结果), added once the period has ended as a revision of its
 * own: how many reports came in (counted from the database when it was published), what
 * verification found in staff's words, and whose naming is suspended (暂缓命名), each one an
 * entry of the notice.
 */
export const noticeOutcomeSchema = z.object({
  reportsReceived: z.int().min(0),
  /** What verification found; may be empty when nothing was received. */
  findings: z.string(),
  /** Candidate ids of entries whose naming is suspended, in the notice's order. */
  suspended: z.array(z.int().positive()),
  /** The local day the outcome was stated, `YYYY-MM-DD`. */
  statedOn: z.string(),
});
export type NoticeOutcome = z.infer<typeof noticeOutcomeSchema>;

/** Where and how the public may report on a notice's entries, as published. */
export const reportChannelsShape = {
  reportPhone: z.string(),
  reportAddress: z.string(),
  reportPostcode: z.string(),
  reportVisit: z.string(),
  reportWeb: z.string(),
  reportRules: z.string(),
};

/** A whole published notice: what `notice_revision.content` holds. */
export const noticeContentSchema = z.object({
  serial: z.string(),
  title: z.string(),
  lead: z.string(),
  /** Local dates, both inclusive. */
  periodStart: z.string(),
  periodEnd: z.string(),
  workingDays: z.int().positive(),
  ...reportChannelsShape,
  signature: z.string(),
  signedOn: z.string(),
  showPhotos: z.boolean(),
  showSummaries: z.boolean(),
  /** Revisions published before the order was chosen listed entries by number. */
  entryOrder: z.enum(noticeEntryOrders).default('number'),
  entries: z.array(noticeEntrySchema),
  /** Absent until the outcome of the publicity is published (and in every revision before). */
  outcome: noticeOutcomeSchema.optional(),
});
export type NoticeContent = z.infer<typeof noticeContentSchema>;
