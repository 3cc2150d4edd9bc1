import type { VoteChannel } from '#src/schemas/enums.ts';

interface ChannelRules {
  paperChannel: boolean;
  onsiteChannel: boolean;
  weightOnline: number | null;
  weightPaper: number | null;
  weightOnsite: number | null;
}

/** The channels a track runs, in the order pages list them; online always runs. */
export function listTrackChannels(t: ChannelRules): VoteChannel[] {
  return [
    'online',
    ...(t.paperChannel ? (['paper'] as const) : []),
    ...(t.onsiteChannel ? (['onsite'] as const) : []),
  ];
}

/**
 * The track's channel weights in percent, or null when it has none (its channels' votes add).
 * The database holds that the three are all set or all null.
 */
export function findChannelWeights(t: ChannelRules): Record<VoteChannel, number> | null {
  if (t.weightOnline === null || t.weightPaper === null || t.weightOnsite === null) return null;
  return { online: t.weightOnline, paper: t.weightPaper, onsite: t.weightOnsite };
}
