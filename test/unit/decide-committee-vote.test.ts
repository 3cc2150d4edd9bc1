import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideCommitteeVote,
  quorumNeeded,
  votesNeeded,
  type CommitteeCandidateInput,
  type CommitteeRuleInput,
  type CommitteeVoteInput,
} from '#src/domain/committee/decide-committee-vote.ts';
import { isDomainError } from '#src/domain/errors.ts';

const rule13: CommitteeRuleInput = {
  membersDue: 13,
  quorum: 'two_thirds',
  threshold: 'more_than_half_of_due',
  tieBreak: 'revote',
};

let nextId = 1;
/** A candidate with `votesFor`; the rest of the members present abstain or vote against. */
function cand(
  name: string,
  votesFor: number,
  extra: Partial<CommitteeCandidateInput> = {},
): CommitteeCandidateInput {
  return {
    id: nextId++,
    name,
    votesFor,
    votesAgainst: 0,
    abstentions: 0,
    publicVotes: 0,
    ...extra,
  };
}

function decide(
  overrides: Partial<CommitteeVoteInput> & { candidates: CommitteeCandidateInput[] },
) {
  return decideCommitteeVote({ rule: rule13, quota: 5, membersPresent: 13, ...overrides });
}

function outcomes(d: ReturnType<typeof decide>): Record<string, string | null> {
  return Object.fromEntries(d.candidates.map((c) => [c.name, c.outcome]));
}

function byName(d: ReturnType<typeof decide>, name: string) {
  return d.candidates.find((c) => c.name === name)!;
}

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, reason: e.reason, details: e.details };
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('quorum', () => {
  it.each([
    // due, quorum, fewest present
    [13, 'two_thirds', 9],
    [12, 'two_thirds', 8],
    [9, 'two_thirds', 6],
    [1, 'two_thirds', 1],
    [13, 'more_than_half', 7],
    [12, 'more_than_half', 7],
    [1, 'more_than_half', 1],
    [2, 'more_than_half', 2],
  ] as const)('due %i, %s: needs %i present', (due, quorum, needed) => {
    expect(quorumNeeded(due, quorum)).toBe(needed);
  });

  it.each([
    ['two_thirds', 13, 9, true],
    ['two_thirds', 13, 8, false],
    ['more_than_half', 13, 7, true],
    ['more_than_half', 13, 6, false],
    ['two_thirds', 12, 8, true],
    ['two_thirds', 12, 7, false],
    ['more_than_half', 12, 7, true],
    // Exactly half is not more than half.
    ['more_than_half', 12, 6, false],
  ] as const)('%s of %i due with %i present: valid = %s', (quorum, due, present, valid) => {
    const d = decide({
      rule: { ...rule13, quorum, membersDue: due },
      membersPresent: present,
      candidates: [cand('甲', present)],
    });
    expect(d.valid).toBe(valid);
    expect(d.quorumNeeded).toBe(quorumNeeded(due, quorum));
  });

  it('explains a valid quorum with the numbers', () => {
    const d = decide({ membersPresent: 9, candidates: [cand('甲', 9)] });
    expect(d.quorumExplanation).toBe(
      '应到会 13 人，实到会 9 人，达到应到会人数的三分之二（需至少 9 人），表决有效。',
    );
  });

  it('decides nothing without a quorum, and says why for each candidate', () => {
    const d = decide({ membersPresent: 8, candidates: [cand('甲', 8), cand('乙', 2)] });
    expect(d.valid).toBe(false);
    expect(d.elected).toBe(0);
    expect(d.candidates.map((c) => c.outcome)).toEqual([null, null]);
    expect(d.quorumExplanation).toBe(
      '应到会 13 人，实到会 8 人，不足应到会人数的三分之二（需至少 9 人），表决无效，须另行召开会议表决。',
    );
    expect(d.candidates[0]!.explanation).toContain('表决无效');
    // The figures still show, so the page can display what was counted.
    expect(d.candidates[0]!.qualified).toBe(true);
  });

  it('explains a missed more-than-half quorum', () => {
    const d = decide({
      rule: { ...rule13, quorum: 'more_than_half' },
      membersPresent: 6,
      candidates: [cand('甲', 6)],
    });
    expect(d.quorumExplanation).toBe(
      '应到会 13 人，实到会 6 人，未超过应到会人数的半数（需至少 7 人），表决无效，须另行召开会议表决。',
    );
  });
});

describe('threshold', () => {
  it.each([
    [13, 7],
    [12, 7],
    [11, 6],
    [10, 6],
    [1, 1],
  ])('more than half of %i is at least %i votes', (base, needed) => {
    expect(votesNeeded(base)).toBe(needed);
  });

  it('elects 7 of 13 due and refuses 6, with the secretary’s wording', () => {
    const d = decide({ candidates: [cand('张三', 7), cand('李四', 6)] });
    expect(outcomes(d)).toEqual({ 张三: 'elected', 李四: 'not_elected' });
    expect(byName(d, '张三').explanation).toBe(
      '赞成 7 票，超过应到会 13 人的半数（需至少 7 票）；按得票排名第 1，在剩余名额 5 名之内，当选。',
    );
    expect(byName(d, '李四').explanation).toBe(
      '赞成 6 票，未超过应到会 13 人的半数（需至少 7 票），不能当选。',
    );
    expect(byName(d, '李四').rank).toBeNull();
  });

  it('counts from the members due, not present, under more_than_half_of_due', () => {
    // 9 present: 5 is more than half of those present but not of the 13 due.
    const d = decide({ membersPresent: 9, candidates: [cand('甲', 5)] });
    expect(d.votesNeeded).toBe(7);
    expect(outcomes(d)).toEqual({ 甲: 'not_elected' });
  });

  it('counts from the members present under more_than_half_of_present', () => {
    const rule = { ...rule13, threshold: 'more_than_half_of_present' as const };
    const d = decide({ rule, membersPresent: 9, candidates: [cand('甲', 5), cand('乙', 4)] });
    expect(d.votesNeeded).toBe(5);
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'not_elected' });
    expect(byName(d, '甲').explanation).toContain('超过实到会 9 人的半数（需至少 5 票）');
    // Even present count: exactly half (5 of 10) is not enough.
    const even = decide({ rule, membersPresent: 10, candidates: [cand('丙', 5), cand('丁', 6)] });
    expect(outcomes(even)).toEqual({ 丁: 'elected', 丙: 'not_elected' });
  });
});

describe('quota', () => {
  it('elects the top `quota` and explains the rank of the rest', () => {
    const d = decide({
      quota: 2,
      candidates: [cand('甲', 9), cand('乙', 11), cand('丙', 8), cand('丁', 3)],
    });
    expect(outcomes(d)).toEqual({
      乙: 'elected',
      甲: 'elected',
      丙: 'not_elected',
      丁: 'not_elected',
    });
    // Ordered by votes in favour, most first.
    expect(d.candidates.map((c) => c.name)).toEqual(['乙', '甲', '丙', '丁']);
    expect(byName(d, '甲').explanation).toBe(
      '赞成 9 票，超过应到会 13 人的半数（需至少 7 票）；按得票排名第 2，在剩余名额 2 名之内，当选。',
    );
    expect(byName(d, '丙').explanation).toBe(
      '赞成 8 票，超过应到会 13 人的半数（需至少 7 票），但按得票排名第 3，在剩余名额 2 名之外，不能当选。',
    );
    expect(d).toMatchObject({ quota: 2, elected: 2, revotePlaces: 0, vacancies: 0 });
    expect(d.summary).toBe('剩余名额 2 名，当选 2 名。');
  });

  it('elects everyone who qualifies when exactly `quota` qualify', () => {
    const d = decide({ quota: 3, candidates: [cand('甲', 9), cand('乙', 8), cand('丙', 7)] });
    expect(d.elected).toBe(3);
    expect(d.vacancies).toBe(0);
  });

  it('leaves places empty when fewer qualify than the quota, and says so', () => {
    const d = decide({ quota: 5, candidates: [cand('甲', 10), cand('乙', 7), cand('丙', 6)] });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'elected', 丙: 'not_elected' });
    expect(d).toMatchObject({ elected: 2, vacancies: 3, revotePlaces: 0 });
    expect(d.summary).toBe('剩余名额 5 名，当选 2 名；达到当选票数的只有 2 人，3 个名额空缺。');
  });

  it('elects nobody when no place is open', () => {
    const d = decide({ quota: 0, candidates: [cand('甲', 12)] });
    expect(outcomes(d)).toEqual({ 甲: 'not_elected' });
    expect(byName(d, '甲').explanation).toContain('名额已满');
  });
});

describe('ties', () => {
  it('elects both of a tie above the boundary, sharing the rank', () => {
    const d = decide({
      quota: 3,
      candidates: [cand('甲', 12), cand('乙', 10), cand('丙', 10), cand('丁', 8)],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'elected', 丙: 'elected', 丁: 'not_elected' });
    expect(byName(d, '丙').rank).toBe(2);
    expect(byName(d, '丙').explanation).toContain('按得票并列排名第 2');
    expect(byName(d, '丁').rank).toBe(4);
  });

  it('elects a tie that exactly fills the last places', () => {
    const d = decide({
      quota: 3,
      candidates: [cand('甲', 12), cand('乙', 9), cand('丙', 9), cand('丁', 8)],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'elected', 丙: 'elected', 丁: 'not_elected' });
  });

  it('sends a tie of 2 across the boundary to a revote', () => {
    const d = decide({
      quota: 2,
      candidates: [cand('甲', 11), cand('乙', 8), cand('丙', 8), cand('丁', 7)],
    });
    expect(outcomes(d)).toEqual({
      甲: 'elected',
      乙: 'tie_revote',
      丙: 'tie_revote',
      丁: 'not_elected',
    });
    expect(byName(d, '乙').explanation).toBe(
      '赞成 8 票，超过应到会 13 人的半数（需至少 7 票），但与丙同票争夺最后 1 个名额，按规则须再次表决。',
    );
    // Below a tie: its rank counts everyone above.
    expect(byName(d, '丁').explanation).toContain('按得票排名第 4');
    expect(d).toMatchObject({ elected: 1, revotePlaces: 1, vacancies: 0 });
    expect(d.summary).toBe('剩余名额 2 名，当选 1 名；2 人同票争夺最后 1 个名额，须再次表决。');
  });

  it('sends a tie of 3 for the last 2 places to a revote', () => {
    const d = decide({
      quota: 3,
      candidates: [cand('甲', 11), cand('乙', 9), cand('丙', 9), cand('丁', 9)],
    });
    expect(outcomes(d)).toEqual({
      甲: 'elected',
      乙: 'tie_revote',
      丙: 'tie_revote',
      丁: 'tie_revote',
    });
    expect(byName(d, '丁').explanation).toContain('但与乙、丙同票争夺最后 2 个名额');
    expect(d).toMatchObject({ elected: 1, revotePlaces: 2 });
  });

  it('sends a tie of 3 for 1 place to a revote when all are at the top', () => {
    const d = decide({ quota: 1, candidates: [cand('甲', 9), cand('乙', 9), cand('丙', 9)] });
    expect(new Set(d.candidates.map((c) => c.outcome))).toEqual(new Set(['tie_revote']));
    expect(d.elected).toBe(0);
  });

  it('does not count a tie among those below the threshold', () => {
    const d = decide({ quota: 1, candidates: [cand('甲', 9), cand('乙', 6), cand('丙', 6)] });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'not_elected', 丙: 'not_elected' });
  });
});

describe('ties settled by public votes', () => {
  const rule = { ...rule13, tieBreak: 'more_public_votes' as const };

  it('gives the last place to more public votes, and says by how much', () => {
    const d = decide({
      rule,
      quota: 2,
      candidates: [
        cand('甲', 12),
        cand('张三', 8, { publicVotes: 1234 }),
        cand('李四', 8, { publicVotes: 1100 }),
      ],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 张三: 'elected', 李四: 'not_elected' });
    expect(byName(d, '张三').explanation).toBe(
      '赞成 8 票，超过应到会 13 人的半数（需至少 7 票），但与李四同票争夺最后 1 个名额，以群众投票 1,234 票多于李四的 1,100 票取得最后名额，当选。',
    );
    expect(byName(d, '李四').explanation).toBe(
      '赞成 8 票，超过应到会 13 人的半数（需至少 7 票），但与张三同票争夺最后 1 个名额，群众投票 1,100 票少于张三的 1,234 票，未能取得最后名额，不能当选。',
    );
    expect(d).toMatchObject({ elected: 2, revotePlaces: 0 });
  });

  it('still sends an exact public-vote tie to a revote', () => {
    const d = decide({
      rule,
      quota: 1,
      candidates: [cand('甲', 8, { publicVotes: 900 }), cand('乙', 8, { publicVotes: 900 })],
    });
    expect(outcomes(d)).toEqual({ 甲: 'tie_revote', 乙: 'tie_revote' });
    expect(byName(d, '甲').explanation).toContain('群众投票也与乙同为 900 票，按规则须再次表决');
    expect(d.revotePlaces).toBe(1);
  });

  it('elects the clear public-vote winner and sends the level rest to a revote', () => {
    // Three tied for two places: 甲 leads on public votes, 乙 and 丙 tie for the other.
    const d = decide({
      rule,
      quota: 2,
      candidates: [
        cand('甲', 8, { publicVotes: 2000 }),
        cand('乙', 8, { publicVotes: 1000 }),
        cand('丙', 8, { publicVotes: 1000 }),
      ],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'tie_revote', 丙: 'tie_revote' });
    expect(byName(d, '甲').explanation).toContain('多于乙的 1,000 票、丙的 1,000 票');
    expect(d).toMatchObject({ elected: 1, revotePlaces: 1 });
  });

  it('elects a level pair that fits the places and rejects the lowest', () => {
    const d = decide({
      rule,
      quota: 2,
      candidates: [
        cand('甲', 8, { publicVotes: 500 }),
        cand('乙', 8, { publicVotes: 500 }),
        cand('丙', 8, { publicVotes: 499 }),
      ],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'elected', 丙: 'not_elected' });
  });

  it('ignores public votes when there is no tie at the boundary', () => {
    const d = decide({
      rule,
      quota: 1,
      candidates: [cand('甲', 9, { publicVotes: 1 }), cand('乙', 8, { publicVotes: 99999 })],
    });
    expect(outcomes(d)).toEqual({ 甲: 'elected', 乙: 'not_elected' });
  });
});

describe('validation', () => {
  it('refuses for + against + abstain above the members present', () => {
    const e = thrown(() =>
      decide({
        membersPresent: 10,
        candidates: [cand('甲', 5, { votesAgainst: 4, abstentions: 2 })],
      }),
    );
    expect(e).toMatchObject({
      code: 'rule_violation',
      reason: 'committee_votes_exceed_present',
      details: { name: '甲', total: 11, present: 10 },
    });
  });

  it('accepts for + against + abstain equal to the members present', () => {
    const d = decide({
      membersPresent: 10,
      candidates: [cand('甲', 5, { votesAgainst: 3, abstentions: 2 })],
    });
    expect(d.valid).toBe(true);
  });

  it('refuses more present than due, and accepts exactly due', () => {
    expect(thrown(() => decide({ membersPresent: 14, candidates: [] }))).toMatchObject({
      code: 'rule_violation',
      reason: 'committee_present_exceeds_due',
      details: { present: 14, due: 13 },
    });
    expect(decide({ membersPresent: 13, candidates: [] }).valid).toBe(true);
  });

  it('refuses negative or fractional counts and a candidate twice', () => {
    expect(thrown(() => decide({ candidates: [cand('甲', -1)] })).reason).toBe(
      'committee_invalid_count',
    );
    expect(thrown(() => decide({ membersPresent: 9.5, candidates: [] })).reason).toBe(
      'committee_invalid_count',
    );
    const a = cand('甲', 8);
    expect(thrown(() => decide({ candidates: [a, { ...a }] })).reason).toBe(
      'committee_duplicate_tally',
    );
  });
});

describe('properties over random sittings', () => {
  const sitting = fc
    .record({
      due: fc.integer({ min: 1, max: 25 }),
      presentShare: fc.double({ min: 0, max: 1, noNaN: true }),
      quota: fc.integer({ min: 0, max: 6 }),
      quorum: fc.constantFrom('two_thirds', 'more_than_half'),
      threshold: fc.constantFrom('more_than_half_of_due', 'more_than_half_of_present'),
      tieBreak: fc.constantFrom('revote', 'more_public_votes'),
      votes: fc.array(
        fc.record({
          forShare: fc.double({ min: 0, max: 1, noNaN: true }),
          publicVotes: fc.integer({ min: 0, max: 3 }),
        }),
        { maxLength: 10 },
      ),
    })
    .map((s) => {
      const present = Math.round(s.presentShare * s.due);
      return {
        rule: { membersDue: s.due, quorum: s.quorum, threshold: s.threshold, tieBreak: s.tieBreak },
        quota: s.quota,
        membersPresent: present,
        candidates: s.votes.map((v, i) => ({
          id: i + 1,
          name: `候选人${i + 1}`,
          votesFor: Math.round(v.forShare * present),
          votesAgainst: 0,
          abstentions: 0,
          publicVotes: v.publicVotes,
        })),
      } satisfies CommitteeVoteInput;
    });

  it('fills at most the quota; elected, revote places and vacancies add up to it', () => {
    fc.assert(
      fc.property(sitting, (input) => {
        const d = decideCommitteeVote(input);
        if (!d.valid) return d.candidates.every((c) => c.outcome === null);
        const elected = d.candidates.filter((c) => c.outcome === 'elected');
        const tied = d.candidates.filter((c) => c.outcome === 'tie_revote');
        const rejected = d.candidates.filter((c) => c.outcome === 'not_elected');
        expect(elected.length).toBe(d.elected);
        expect(d.elected + d.revotePlaces + d.vacancies).toBe(input.quota);
        expect(d.vacancies).toBeGreaterThanOrEqual(0);
        // Nobody elected below the threshold, nobody rejected with more votes than one elected.
        for (const e of elected) expect(e.votesFor).toBeGreaterThanOrEqual(d.votesNeeded);
        for (const n of rejected)
          for (const e of elected) expect(n.votesFor).toBeLessThanOrEqual(e.votesFor);
        // A revote is between more candidates than places, all level on votes in favour.
        if (tied.length > 0) {
          expect(tied.length).toBeGreaterThan(d.revotePlaces);
          expect(new Set(tied.map((c) => c.votesFor)).size).toBe(1);
        } else {
          expect(d.revotePlaces).toBe(0);
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order the tallies were entered in', () => {
    fc.assert(
      fc.property(sitting, (input) => {
        const forward = decideCommitteeVote(input);
        const backward = decideCommitteeVote({
          ...input,
          candidates: [...input.candidates].reverse(),
        });
        const byId = (d: typeof forward) =>
          Object.fromEntries(d.candidates.map((c) => [c.id, c.outcome]));
        expect(byId(backward)).toEqual(byId(forward));
      }),
      { numRuns: 300 },
    );
  });
});
