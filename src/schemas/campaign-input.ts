import { z } from 'zod';
import { lineText, paragraphText } from './text.ts';
import { slugSchema } from './api.ts';
import { campaignStages, countsVisibilities, trackKinds } from './enums.ts';

/** A calendar date as staff type it, `YYYY-MM-DD`, and a real one. */
const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'not a real date');

const text = (max: number) => lineText().trim().min(1).max(max);

const stageDateInputSchema = z
  .object({ stage: z.enum(campaignStages), startsOn: localDateSchema, endsOn: localDateSchema })
  .strict()
  .refine((s) => s.startsOn <= s.endsOn, { message: 'ends before it starts', path: ['endsOn'] });

/** One value a line, each at most 50 characters (the candidate's column), no repeats. */
const pickList = z
  .array(lineText().trim().min(1).max(50))
  .max(100)
  .refine((list) => new Set(list).size === list.length, '列表中有重复的项目，请删去重复的一行。')
  .default([]);

const campaignFields = z
  .object({
    // `new` is the address of the admin's "new campaign" form.
    slug: slugSchema.refine((s) => s !== 'new', 'reserved'),
    year: z.int().min(2000).max(2100),
    title: text(100),
    /** Optional: English pages show the Chinese title when it is empty. */
    titleEn: lineText().trim().max(200).default(''),
    organiser: text(100),
    intro: paragraphText().trim().max(5000).default(''),
    countsVisibility: z.enum(countsVisibilities).default('after_close'),
    voteOpensAt: z.iso.datetime({ offset: true }).nullable().default(null),
    voteClosesAt: z.iso.datetime({ offset: true }).nullable().default(null),
    stageDates: z.array(stageDateInputSchema).max(campaignStages.length).default([]),
    /** Pick lists of the candidate form and the import; empty: free text. */
    districts: pickList,
    sectors: pickList,
  })
  .strict();

function campaignRules<T extends z.ZodType<Omit<z.output<typeof campaignFields>, 'slug'>>>(
  schema: T,
) {
  return schema
    .refine(
      (c) =>
        c.voteOpensAt === null ||
        c.voteClosesAt === null ||
        Date.parse(c.voteOpensAt) < Date.parse(c.voteClosesAt),
      { message: 'the vote must close after it opens', path: ['voteClosesAt'] },
    )
    .refine((c) => new Set(c.stageDates.map((s) => s.stage)).size === c.stageDates.length, {
      message: 'one date range per stage',
      path: ['stageDates'],
    });
}

/** What staff set on a campaign. Vote times are instants (ISO 8601 with an offset). */
export const campaignInputSchema = campaignRules(campaignFields);
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** Editing keeps the slug: it is in every link and QR code already printed. */
export const campaignUpdateSchema = campaignRules(campaignFields.omit({ slug: true }));
export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>;

const trackFields = z
  .object({
    slug: slugSchema,
    kind: z.enum(trackKinds),
    name: text(60),
    description: paragraphText().trim().max(2000).default(''),
    /** Optional: English pages show the Chinese name and description when they are empty. */
    nameEn: lineText().trim().max(120).default(''),
    descriptionEn: paragraphText().trim().max(4000).default(''),
    quota: z.int().min(1).max(1000),
    maxPicks: z.int().min(1).max(1000),
    minPicks: z.int().min(1).max(1000).default(1),
    ballotsPerDevicePerDay: z.int().min(1).max(100).default(1),
    ballotsPerAddressPerDay: z.int().min(1).max(100000).default(50),
    position: z.int().min(0).max(1000).default(0),
    /** Channels besides the online vote, which always runs. */
    paperChannel: z.boolean().default(false),
    onsiteChannel: z.boolean().default(false),
    /** Percent weights of a combined ranking; all null: the channels' votes simply add. */
    weightOnline: z.int().min(0).max(100).nullable().default(null),
    weightPaper: z.int().min(0).max(100).nullable().default(null),
    weightOnsite: z.int().min(0).max(100).nullable().default(null),
  })
  .strict();

type ChannelRules = {
  paperChannel: boolean;
  onsiteChannel: boolean;
  weightOnline: number | null;
  weightPaper: number | null;
  weightOnsite: number | null;
};

/**
 * Weights are all left empty (votes add) or all given, summing to 100, with 0 for a channel
 * the track does not run (the database holds the same rule).
 */
function weightsComplete(t: ChannelRules, ctx: z.RefinementCtx) {
  const weights = [t.weightOnline, t.weightPaper, t.weightOnsite];
  const given = weights.filter((w) => w !== null);
  if (given.length === 0) return;
  if (given.length < 3) {
    ctx.addIssue({
      code: 'custom',
      path: ['weightOnline'],
      message: '渠道权重要么三项都填，要么都留空（留空时各渠道票数直接相加）。',
    });
    return;
  }
  const sum = given.reduce((a, b) => a + b, 0);
  if (sum !== 100) {
    ctx.addIssue({
      code: 'custom',
      path: ['weightOnline'],
      message: `三个渠道的权重合计须为 100%，现在是 ${sum}%。`,
    });
  }
  if (!t.paperChannel && t.weightPaper !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['weightPaper'],
      message: '本类别不设纸质选票，纸质选票的权重应为 0。',
    });
  }
  if (!t.onsiteChannel && t.weightOnsite !== 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['weightOnsite'],
      message: '本类别不设现场投票，现场投票的权重应为 0。',
    });
  }
}

/**
 * Picks stay within the quota: at least one, the least no more than the most, the most no more
 * than the quota. Each broken bound is said on the field to change, in the form's words.
 */
function picksWithinQuota(
  t: { minPicks: number; maxPicks: number; quota: number },
  ctx: z.RefinementCtx,
) {
  if (t.maxPicks > t.quota) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxPicks'],
      message: `“每票最多选”不能多于名额 ${t.quota}：请改为 ${t.quota} 或更少，或先增加名额。`,
    });
  }
  if (t.minPicks > t.maxPicks) {
    ctx.addIssue({
      code: 'custom',
      path: ['minPicks'],
      message: `“每票最少选”不能多于“每票最多选”（${t.maxPicks}）：请改为 ${t.maxPicks} 或更少。`,
    });
  }
}

function trackRules(
  t: ChannelRules & Parameters<typeof picksWithinQuota>[0],
  ctx: z.RefinementCtx,
) {
  picksWithinQuota(t, ctx);
  weightsComplete(t, ctx);
}

export const trackInputSchema = trackFields.superRefine(trackRules);
export type TrackInput = z.infer<typeof trackInputSchema>;

export const trackUpdateSchema = trackFields.omit({ slug: true }).superRefine(trackRules);
export type TrackUpdate = z.infer<typeof trackUpdateSchema>;

export const advanceStageSchema = z
  .object({
    /** The stage the campaign is in now, so that two people advancing at once move it once. */
    from: z.enum(campaignStages),
    to: z.enum(campaignStages),
  })
  .strict();
