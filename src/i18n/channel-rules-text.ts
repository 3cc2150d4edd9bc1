import { findChannelWeights, listTrackChannels } from '../domain/tracks/list-track-channels.ts';
import type { UiDictionary } from './ui.ts';

type ChannelRules = Parameters<typeof listTrackChannels>[0];

/**
 * The rules page's sentences on how a track is voted: its channels, and how their votes
 * combine (they add, or a weighted score with its formula). Nothing for an online-only track.
 */
export function channelRulesText(track: ChannelRules, t: UiDictionary): string[] {
  const channels = listTrackChannels(track);
  if (channels.length === 1) return [];
  const weights = findChannelWeights(track);
  return [
    t['rules.channels'](channels.map((c) => t[`channel.${c}`]).join(t['punct.listGap'])),
    weights
      ? t['rules.channelsWeighted'](
          channels.map((c) => t['rules.weightTerm'](t[`channel.${c}`], weights[c])).join(' + '),
        )
      : t['rules.channelsAdd'],
  ];
}
