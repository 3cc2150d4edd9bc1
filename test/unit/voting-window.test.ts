import { describe, expect, it } from 'vitest';
import { votingStateOf } from '#src/domain/campaigns/voting-window.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';

const opensAt = new Date('2026-11-20T00:00:00Z');
const closesAt = new Date('2026-11-30T00:00:00Z');
const inside = new Date('2026-11-25T00:00:00Z');

function campaign(
  stage: CampaignStage,
  voteOpensAt: Date | null = opensAt,
  voteClosesAt: Date | null = closesAt,
) {
  return { stage, voteOpensAt, voteClosesAt };
}

describe('votingStateOf by stage, at a moment inside the window', () => {
  it.each([
    ['nomination', 'not_yet_open'],
    ['review', 'not_yet_open'],
    ['public_vote', 'open'],
    ['second_shortlist', 'closed'],
    ['committee_vote', 'closed'],
    ['publicity', 'closed'],
    ['concluded', 'closed'],
  ] as const)('%s → %s', (stage, state) => {
    expect(votingStateOf(campaign(stage), inside)).toBe(state);
  });

  it('keeps a later stage closed even with no window at all', () => {
    expect(votingStateOf(campaign('concluded', null, null), inside)).toBe('closed');
  });

  it('keeps an earlier stage not yet open even with no window at all', () => {
    expect(votingStateOf(campaign('review', null, null), inside)).toBe('not_yet_open');
  });
});

describe('votingStateOf at the edges of the window in the public_vote stage', () => {
  const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

  it('is not yet open a millisecond before opensAt', () => {
    expect(votingStateOf(campaign('public_vote'), ms(opensAt, -1))).toBe('not_yet_open');
  });

  it('is open at opensAt exactly (inclusive)', () => {
    expect(votingStateOf(campaign('public_vote'), opensAt)).toBe('open');
  });

  it('is open a millisecond before closesAt', () => {
    expect(votingStateOf(campaign('public_vote'), ms(closesAt, -1))).toBe('open');
  });

  it('is closed at closesAt exactly (exclusive)', () => {
    expect(votingStateOf(campaign('public_vote'), closesAt)).toBe('closed');
  });
});

describe('votingStateOf with missing dates in the public_vote stage', () => {
  it('is open with neither date', () => {
    expect(votingStateOf(campaign('public_vote', null, null), new Date(0))).toBe('open');
  });

  it('without an opening date, is open until closesAt and closed from it', () => {
    expect(votingStateOf(campaign('public_vote', null), new Date(0))).toBe('open');
    expect(votingStateOf(campaign('public_vote', null), closesAt)).toBe('closed');
  });

  it('without a closing date, is not yet open before opensAt and open ever after', () => {
    expect(votingStateOf(campaign('public_vote', opensAt, null), new Date(0))).toBe('not_yet_open');
    expect(
      votingStateOf(campaign('public_vote', opensAt, null), new Date('2100-01-01T00:00:00Z')),
    ).toBe('open');
  });
});
