import type { VoteChannel } from '#src/schemas/enums.ts';
import {
  trackPaperCounts,
  type ChannelCount,
  type PaperCount,
} from '../paper/count-paper-channels.ts';
import { findChannelWeights, listTrackChannels } from '../tracks/list-track-channels.ts';
import { combineChannelVotes } from './combine-channel-votes.ts';

type TrackChannelRules = Parameters<typeof listTrackChannels>[0] & { id: number };

/** A candidate's votes in a track's channels, and the weighted score where the track has weights. */
export interface ChannelVotes {
  votesByChannel: { online: number; paper?: number; onsite?: number };
  votesAllChannels: number;
  score?: string;
}

export interface JoinedChannels {
  /** Each channel's ballots, online first. */
  channels: [
    {
      channel: 'online';
      ballotsReceived: number;
      ballotsInvalid: number;
      invalidByReason: { reason: 'voided'; ballots: number }[];
      ballotsCounted: number;
    },
    ...Omit<ChannelCount, 'votes'>[],
  ];
  countedAllChannels: number;
  /** The track's channel weights in percent; absent where its channels' votes add. */
  weights?: Record<VoteChannel, number>;
  /** A candidate's votes in all channels, from its online votes. */
  votesOf: (candidateId: number, onlineVotes: number) => ChannelVotes;
}

/**
 * A track's vote in every channel it runs: its online ballots (`online`, voided ones invalid)
 * with the reconciled paper and on-site batches, as the results show them and the certificate
 * holds them. Null for an online-only track, whose results stay as they are.
 */
export function joinTrackChannels(
  t: TrackChannelRules,
  paper: PaperCount,
  online: { received: number; voided: number; counted: number },
): JoinedChannels | null {
  const channels = listTrackChannels(t);
  if (channels.length === 1) return null;
  const side = trackPaperCounts(paper, t.id, channels);
  const weights = findChannelWeights(t);
  const countedOf = (ch: VoteChannel) =>
    ch === 'online' ? online.counted : (side.find((p) => p.channel === ch)?.ballotsCounted ?? 0);
  return {
    channels: [
      {
        channel: 'online',
        ballotsReceived: online.received,
        ballotsInvalid: online.voided,
        invalidByReason: online.voided > 0 ? [{ reason: 'voided', ballots: online.voided }] : [],
        ballotsCounted: online.counted,
      },
      ...side.map(({ votes: _v, ...rest }) => rest),
    ],
    countedAllChannels: online.counted + side.reduce((a, p) => a + p.ballotsCounted, 0),
    ...(weights ? { weights } : {}),
    votesOf: (candidateId, onlineVotes) => {
      const byChannel: ChannelVotes['votesByChannel'] = { online: onlineVotes };
      for (const p of side) byChannel[p.channel] = p.votes.get(candidateId) ?? 0;
      return {
        votesByChannel: byChannel,
        votesAllChannels: Object.values(byChannel).reduce((a, b) => a + b, 0),
        ...(weights
          ? {
              score: combineChannelVotes(
                channels.map((ch) => ({
                  channel: ch,
                  weight: weights[ch],
                  votes: byChannel[ch] ?? 0,
                  counted: countedOf(ch),
                })),
              ),
            }
          : {}),
      };
    },
  };
}
