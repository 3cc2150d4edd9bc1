import { z } from 'zod';
import { countsVisibilities, publicCandidateStatuses, trackKinds } from './enums.ts';
import { slugSchema } from './api.ts';
import { resultCertificateSchema } from './result-certificate.ts';

/** How settled the published figures are (see `resultsStatus` below). */
export const resultsStatuses = [
  'hidden',
  'live',
  'under_review',
  'provisional',
  'certified',
] as const;

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
    votesVoided: z.int().optional().meta({
      description: 'Votes lost with voided ballots; only once the results are certified.',
    }),
    votesByChannel: z
      .object({
        online: z.int().optional(),
        paper: z.int().optional(),
        onsite: z.int().optional(),
      })
      .optional()
      .meta({
        description:
          'Tracks with paper or on-site channels, while counts are public: votes per channel ' +
          '(reconciled paper batches only).',
      }),
    votesAllChannels: z.int().optional().meta({
      description: 'Tracks with paper or on-site channels: the sum of `votesByChannel`.',
    }),
    score: z
      .string()
      .optional()
      .meta({
        description:
          'Tracks with channel weights: Σ weight × channel votes ÷ channel ballots counted, ' +
          'four decimals; the rank follows it.',
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
    channels: z
      .array(
        z.object({
          channel: z.enum(['online', 'paper', 'onsite']),
          ballotsReceived: z.int(),
          ballotsInvalid: z.int(),
          ballotsCounted: z.int(),
        }),
      )
      .optional()
      .meta({
        description:
          'Tracks with paper or on-site channels, while counts are public: each channel’s ballots ' +
          '(`ballotsCounted` and `ballotsInvalidated` above are the online ones).',
      }),
    weights: z
      .object({ online: z.int(), paper: z.int(), onsite: z.int() })
      .optional()
      .meta({ description: 'Channel weights in percent, for a track ranked by weighted score.' }),
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
        'Whether counts are published now: with `live` always (provisional after the close until ' +
        'certified), otherwise once staff have certified them after the close.',
    }),
    resultsStatus: z.enum(resultsStatuses).meta({
      description:
        '`hidden` (vote not closed, counts not live), `live` (live counts of an open vote), ' +
        '`under_review` (核验中: closed, counts withheld until certified), `provisional` (closed, ' +
        'live counts not yet certified), `certified` (the figures are the certificate’s).',
    }),
    certificate: z
      .object({
        sha256: z.string().meta({
          description: 'SHA-256 (hex) of the certificate’s canonical JSON (the bytes at `url`).',
        }),
        certifiedAt: z.iso.datetime(),
        url: z.string().meta({ description: 'The canonical JSON itself, to hash as served.' }),
        document: resultCertificateSchema,
      })
      .optional()
      .meta({ description: 'Only once the results are certified.' }),
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
/** Added after the count columns once the results are certified. */
export const resultsCsvCertificateColumns = ['votes_voided', 'certificate_sha256'] as const;
/**
 * Added last, while counts are public, when a track of the campaign runs paper or on-site
 * channels: votes per channel, in all, and the weighted score (empty where a track has none).
 */
export const resultsCsvChannelColumns = [
  'votes_online',
  'votes_paper',
  'votes_onsite',
  'votes_all_channels',
  'score',
] as const;
