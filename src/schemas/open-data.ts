import { z } from 'zod';
import { countsVisibilities, publicCandidateStatuses, trackKinds } from './enums.ts';
import { slugSchema } from './api.ts';

/**
 * The results as open data. Every count field is optional because it is left out, not set to
 * null or zero, while a campaign's counts are hidden: a reader of the JSON cannot tell a hidden
 * count from anything else, and nothing in the response depends on one.
 */
const openResultCandidateSchema = z
  .object({
    id: z.int(),
    number: z.int().meta({ description: 'Ballot number within the track.' }),
    name: z.string(),
    organisation: z.string(),
    status: z.enum(publicCandidateStatuses).meta({
      description:
        '`shortlisted` (in the public vote), `second_shortlist`, `elected` or `not_elected`.',
    }),
    votes: z
      .int()
      .optional()
      .meta({ description: 'Counted votes; only present while counts are public.' }),
    rank: z.int().optional().meta({
      description: 'Rank by votes within the track (ties share a rank); only while public.',
    }),
  })
  .meta({ id: 'ResultCandidate' });

const openTrackResultsSchema = z
  .object({
    slug: slugSchema,
    kind: z.enum(trackKinds),
    name: z.string(),
    quota: z.int(),
    ballotsCounted: z
      .int()
      .optional()
      .meta({ description: 'Ballots counted in this track; only while counts are public.' }),
    ballotsInvalidated: z.int().optional().meta({
      description: 'Ballots found invalid and not counted; only while counts are public.',
    }),
    candidates: z
      .array(openResultCandidateSchema)
      .meta({ description: 'Public candidates in ballot-number order, never ordered by votes.' }),
  })
  .meta({ id: 'TrackResults' });

export const openResultsSchema = z
  .object({
    campaign: slugSchema,
    title: z.string(),
    asOf: z.iso.datetime().meta({ description: 'When these figures were read.' }),
    votingState: z.enum(['not_yet_open', 'open', 'closed']),
    countsVisibility: z.enum(countsVisibilities),
    countsVisible: z.boolean().meta({
      description:
        'Whether counts are published now: always with `live`, otherwise once voting has closed.',
    }),
    tracks: z.array(openTrackResultsSchema),
  })
  .meta({ id: 'Results' });

export type OpenResultsBody = z.infer<typeof openResultsSchema>;

/** CSV columns, in order. The count columns are left out entirely while counts are hidden. */
export const resultsCsvColumns = [
  'track',
  'track_name',
  'number',
  'name',
  'organisation',
  'status',
] as const;
export const resultsCsvCountColumns = [
  'votes',
  'rank',
  'track_ballots_counted',
  'track_ballots_invalidated',
] as const;
