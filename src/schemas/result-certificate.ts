import { z } from 'zod';
import { slugSchema } from './api.ts';
import { paperInvalidReasons, trackKinds, voteChannels } from './enums.ts';
import { voidReasonCategories } from './integrity.ts';

/**
 * The certificate of a public vote's result (核验结果), as published and hashed. Every figure is
 * an integer or a text, so its canonical JSON has one spelling (src/domain/results/canonical-json.ts).
 * Each total can be recomputed from the figures beside it: per track, `ballotsReceived` is the
 * sum of the days' `received`, `ballotsVoided` the sum of all `voided` entries, `ballotsCounted`
 * = received − voided (and the sum of the days' `counted`); per candidate, `share` is
 * `votes ÷ ballotsCounted`. Nothing in it names a voter: no address, network or device.
 */
const voidedSchema = z
  .object({
    reason: z.enum(voidReasonCategories).meta({ description: 'The category staff gave.' }),
    ballots: z.int().nonnegative(),
  })
  .meta({ id: 'CertificateVoided' });

const certificateDaySchema = z
  .object({
    day: z.iso
      .date()
      .meta({ description: 'Local day the ballots were cast (campaign time zone).' }),
    received: z.int().nonnegative(),
    voided: z.array(voidedSchema).meta({ description: 'Voided ballots of that day per reason.' }),
    counted: z.int().nonnegative(),
  })
  .meta({ id: 'CertificateDay' });

const certificateCandidateSchema = z
  .object({
    id: z.int(),
    number: z.int(),
    name: z.string(),
    votes: z.int().nonnegative().meta({ description: 'Votes on counted ballots.' }),
    votesVoided: z
      .int()
      .nonnegative()
      .meta({ description: 'Votes this candidate lost with the voided ballots.' }),
    share: z
      .string()
      .regex(/^\d\.\d{4}$/)
      .meta({
        description:
          'votes ÷ ballotsCounted of the track, rounded half up to four decimals, as text ("0.2512").',
      }),
    votesByChannel: z
      .object({
        online: z.int().nonnegative(),
        paper: z.int().nonnegative().optional(),
        onsite: z.int().nonnegative().optional(),
      })
      .optional()
      .meta({
        description:
          'Tracks with paper or on-site channels only: votes per channel (`online` equals `votes`).',
      }),
    votesAllChannels: z.int().nonnegative().optional().meta({
      description: 'Tracks with paper or on-site channels only: the sum of `votesByChannel`.',
    }),
    score: z
      .string()
      .regex(/^\d+\.\d{4}$/)
      .optional()
      .meta({
        description:
          'Tracks with channel weights only: Σ weight × channel votes ÷ channel ballotsCounted, ' +
          'rounded half up to four decimals, as text.',
      }),
  })
  .meta({ id: 'CertificateCandidate' });

const channelInvalidSchema = z
  .object({
    reason: z.enum([...paperInvalidReasons, 'tally_sheet', 'voided']).meta({
      description:
        'Why ballots of a channel did not count: a teller’s reason for a paper ballot, ' +
        '`tally_sheet` for invalid ballots a booth reported, `voided` for voided online ballots.',
    }),
    ballots: z.int().nonnegative(),
  })
  .meta({ id: 'CertificateChannelInvalid' });

const certificateChannelSchema = z
  .object({
    channel: z.enum(voteChannels),
    ballotsReceived: z.int().nonnegative(),
    ballotsInvalid: z.int().nonnegative(),
    invalidByReason: z.array(channelInvalidSchema),
    ballotsCounted: z
      .int()
      .nonnegative()
      .meta({ description: 'ballotsReceived − ballotsInvalid.' }),
  })
  .meta({ id: 'CertificateChannel' });

export const certificateTrackSchema = z
  .object({
    slug: slugSchema,
    name: z.string(),
    kind: z.enum(trackKinds),
    quota: z.int(),
    ballotsReceived: z.int().nonnegative(),
    ballotsVoided: z.int().nonnegative(),
    ballotsCounted: z.int().nonnegative(),
    voidedByReason: z.array(voidedSchema),
    days: z.array(certificateDaySchema).meta({ description: 'Every day with ballots, in order.' }),
    candidates: z.array(certificateCandidateSchema).meta({ description: 'By ballot number.' }),
    channels: z
      .array(certificateChannelSchema)
      .optional()
      .meta({
        description:
          'Tracks with paper or on-site channels only: each channel’s ballots (the online figures ' +
          'repeat the track’s), counting only double-entered, reconciled paper batches.',
      }),
    ballotsCountedAllChannels: z.int().nonnegative().optional(),
    weights: z.object({ online: z.int(), paper: z.int(), onsite: z.int() }).optional().meta({
      description: 'Channel weights in percent, when the track ranks by a weighted score.',
    }),
  })
  .meta({ id: 'CertificateTrack' });

export const resultCertificateSchema = z
  .object({
    format: z.literal('result-certificate/1'),
    campaign: z.object({ slug: slugSchema, title: z.string(), organiser: z.string() }),
    vote: z.object({
      opensAt: z.iso.datetime().nullable(),
      closesAt: z.iso.datetime().nullable(),
      timeZone: z.string(),
    }),
    certifiedAt: z.iso.datetime(),
    certifiedByRole: z.enum(['admin', 'monitor']).meta({
      description:
        'The role of the staff member who certified (who it was is kept in the audit log).',
    }),
    tracks: z.array(certificateTrackSchema),
  })
  .meta({ id: 'ResultCertificate' });

export type ResultCertificate = z.infer<typeof resultCertificateSchema>;
export type CertificateTrack = z.infer<typeof certificateTrackSchema>;
