import type { CommitteeQuorum, CommitteeThreshold, CommitteeTieBreak } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';

export interface CommitteeRuleInput {
  membersDue: number;
  quorum: CommitteeQuorum;
  threshold: CommitteeThreshold;
  tieBreak: CommitteeTieBreak;
}

export interface CommitteeCandidateInput {
  id: number;
  name: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  /** Counted public votes; only read when a tie is settled by them. */
  publicVotes: number;
}

export interface CommitteeVoteInput {
  rule: CommitteeRuleInput;
  /** Places still open on the track: its quota minus those filled by earlier confirmed rounds. */
  quota: number;
  membersPresent: number;
  candidates: CommitteeCandidateInput[];
}

export type CommitteeOutcome = 'elected' | 'not_elected' | 'tie_revote';

export interface CommitteeCandidateDecision extends CommitteeCandidateInput {
  /** Whether votesFor reached the threshold. */
  qualified: boolean;
  /** Rank by votes in favour among the qualified (ties share a rank); null when not qualified. */
  rank: number | null;
  /** Null when the sitting had no quorum: nothing was decided. */
  outcome: CommitteeOutcome | null;
  /** What a committee secretary would write in the minutes, in Chinese. */
  explanation: string;
}

export interface CommitteeDecision {
  /** Whether enough members were present for the vote to count. */
  valid: boolean;
  membersDue: number;
  membersPresent: number;
  /** Fewest members present for a valid vote. */
  quorumNeeded: number;
  /** Fewest votes in favour that elect. */
  votesNeeded: number;
  quota: number;
  elected: number;
  /** Places left to a further round between tied candidates. */
  revotePlaces: number;
  /** Places nobody qualified for; they stay empty. */
  vacancies: number;
  quorumExplanation: string;
  summary: string;
  /** By votes in favour, most first (input order among equals). */
  candidates: CommitteeCandidateDecision[];
}

/** Fewest present for a quorum. Integer arithmetic: 2/3 of a due count has no exact float. */
export function quorumNeeded(membersDue: number, quorum: CommitteeQuorum): number {
  // ceil(2·due / 3), and "more than half" is the smallest integer above due / 2.
  return quorum === 'two_thirds'
    ? Math.floor((2 * membersDue + 2) / 3)
    : Math.floor(membersDue / 2) + 1;
}

/** Fewest votes in favour that are strictly more than half of the base. */
export function votesNeeded(base: number): number {
  return Math.floor(base / 2) + 1;
}

const count = (n: number) => n.toLocaleString('en-US');
const names = (cs: { name: string }[]) => cs.map((c) => c.name).join('、');

function assertCount(value: number, field: string, candidateId?: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('invalid_request', 'committee_invalid_count', {
      field,
      ...(candidateId !== undefined ? { candidateId } : {}),
    });
  }
}

function validate(input: CommitteeVoteInput): void {
  const { rule, membersPresent, quota } = input;
  assertCount(rule.membersDue, 'membersDue');
  assertCount(membersPresent, 'membersPresent');
  assertCount(quota, 'quota');
  if (rule.membersDue < 1) {
    throw new DomainError('invalid_request', 'committee_invalid_count', { field: 'membersDue' });
  }
  if (membersPresent > rule.membersDue) {
    throw new DomainError('rule_violation', 'committee_present_exceeds_due', {
      present: membersPresent,
      due: rule.membersDue,
    });
  }
  const seen = new Set<number>();
  for (const c of input.candidates) {
    if (seen.has(c.id)) {
      throw new DomainError('rule_violation', 'committee_duplicate_tally', { candidateId: c.id });
    }
    seen.add(c.id);
    assertCount(c.votesFor, 'votesFor', c.id);
    assertCount(c.votesAgainst, 'votesAgainst', c.id);
    assertCount(c.abstentions, 'abstentions', c.id);
    assertCount(c.publicVotes, 'publicVotes', c.id);
    const total = c.votesFor + c.votesAgainst + c.abstentions;
    // Each member present casts at most one of for / against / abstain per candidate.
    if (total > membersPresent) {
      throw new DomainError('rule_violation', 'committee_votes_exceed_present', {
        candidateId: c.id,
        name: c.name,
        total,
        present: membersPresent,
      });
    }
  }
}

/**
 * Decides a sitting of the committee's differential vote (差额票决): whether it had a quorum,
 * and for each candidate whether the vote elects, does not elect, or leaves a tie for the last
 * places to another round. Pure, so the page can show the outcome of a draft and confirming can
 * recompute exactly the same thing inside its transaction.
 *
 * Rules: a candidate needs strictly more than half of the members due (or present, per the
 * rule) voting in favour; among those who do, the most votes in favour take the open places; a
 * tie across the last place is settled by a further vote, or by more public votes when the rule
 * says so (a tie there too still goes to a further vote).
 */
export function decideCommitteeVote(input: CommitteeVoteInput): CommitteeDecision {
  validate(input);
  const { rule, quota, membersPresent } = input;
  const due = rule.membersDue;
  const needPresent = quorumNeeded(due, rule.quorum);
  const valid = membersPresent >= needPresent;
  const quorumWords = rule.quorum === 'two_thirds' ? '三分之二' : '半数';
  const quorumReached = rule.quorum === 'two_thirds' ? '达到' : '超过';
  const quorumExplanation = valid
    ? `应到会 ${due} 人，实到会 ${membersPresent} 人，${quorumReached}应到会人数的${quorumWords}（需至少 ${needPresent} 人），表决有效。`
    : `应到会 ${due} 人，实到会 ${membersPresent} 人，${rule.quorum === 'two_thirds' ? '不足' : '未超过'}应到会人数的${quorumWords}（需至少 ${needPresent} 人），表决无效，须另行召开会议表决。`;

  const base = rule.threshold === 'more_than_half_of_due' ? due : membersPresent;
  const need = votesNeeded(base);
  const baseWords =
    rule.threshold === 'more_than_half_of_due' ? `应到会 ${due} 人` : `实到会 ${membersPresent} 人`;
  const overHalf = `超过${baseWords}的半数（需至少 ${need} 票）`;

  const ordered = input.candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.votesFor - a.c.votesFor || a.i - b.i)
    .map(({ c }) => c);
  const qualified = ordered.filter((c) => c.votesFor >= need);
  const rankOf = (c: CommitteeCandidateInput) =>
    1 + qualified.filter((o) => o.votesFor > c.votesFor).length;
  const sharesRank = (c: CommitteeCandidateInput) =>
    qualified.some((o) => o !== c && o.votesFor === c.votesFor);
  // What every decision states, valid or not: the sitting's figures, each candidate's standing.
  const sitting = {
    valid,
    membersDue: due,
    membersPresent,
    quorumNeeded: needPresent,
    votesNeeded: need,
    quota,
  };
  const standing = (c: CommitteeCandidateInput) => ({
    ...c,
    qualified: c.votesFor >= need,
    rank: c.votesFor >= need ? rankOf(c) : null,
  });

  if (!valid) {
    return {
      ...sitting,
      elected: 0,
      revotePlaces: 0,
      vacancies: 0,
      quorumExplanation,
      summary: `到会人数不足，本次表决无效，剩余名额 ${quota} 名均未确定。`,
      candidates: ordered.map((c) => ({
        ...standing(c),
        outcome: null,
        explanation: '到会人数不足，本次表决无效，须另行召开会议表决。',
      })),
    };
  }

  const outcome = new Map<CommitteeCandidateInput, CommitteeOutcome>();
  const explanation = new Map<CommitteeCandidateInput, string>();
  let revotePlaces = 0;
  let revoteCount = 0;

  for (const c of ordered) {
    if (c.votesFor < need) {
      outcome.set(c, 'not_elected');
      explanation.set(c, `赞成 ${c.votesFor} 票，未${overHalf}，不能当选。`);
    }
  }

  const rankWords = (c: CommitteeCandidateInput) =>
    `按得票${sharesRank(c) ? '并列' : ''}排名第 ${rankOf(c)}`;
  const electedInRank = (c: CommitteeCandidateInput) => {
    outcome.set(c, 'elected');
    explanation.set(
      c,
      `赞成 ${c.votesFor} 票，${overHalf}；${rankWords(c)}，在剩余名额 ${quota} 名之内，当选。`,
    );
  };

  if (qualified.length <= quota) {
    qualified.forEach(electedInRank);
  } else {
    // The votes of whoever stands on the last place (quota ≥ 1 here, since more qualified than places).
    const boundary = quota > 0 ? qualified[quota - 1]!.votesFor : Infinity;
    const above = qualified.filter((c) => c.votesFor > boundary);
    const tied = qualified.filter((c) => c.votesFor === boundary);
    const below = qualified.filter((c) => c.votesFor < boundary);
    above.forEach(electedInRank);
    const open = quota - above.length;
    if (tied.length <= open) {
      tied.forEach(electedInRank);
    } else {
      settleTie(tied, open);
    }
    for (const c of below) {
      outcome.set(c, 'not_elected');
      explanation.set(
        c,
        quota === 0
          ? `赞成 ${c.votesFor} 票，${overHalf}，但本类别名额已满，不能当选。`
          : `赞成 ${c.votesFor} 票，${overHalf}，但${rankWords(c)}，在剩余名额 ${quota} 名之外，不能当选。`,
      );
    }
  }

  /** `tied` all hold the last `open` places' votes and there are more of them than places. */
  function settleTie(tied: CommitteeCandidateInput[], open: number): void {
    const fight = (c: CommitteeCandidateInput) =>
      `赞成 ${c.votesFor} 票，${overHalf}，但与${names(tied.filter((o) => o !== c))}同票争夺最后 ${open} 个名额`;
    if (rule.tieBreak === 'revote') {
      for (const c of tied) {
        outcome.set(c, 'tie_revote');
        explanation.set(c, `${fight(c)}，按规则须再次表决。`);
      }
      revotePlaces = open;
      revoteCount = tied.length;
      return;
    }
    const byPublic = [...tied].sort((a, b) => b.publicVotes - a.publicVotes);
    const cut = byPublic[open - 1]!.publicVotes;
    const winners = byPublic.filter((c) => c.publicVotes > cut);
    const level = byPublic.filter((c) => c.publicVotes === cut);
    const losers = byPublic.filter((c) => c.publicVotes < cut);
    const stillOpen = open - winners.length;
    const levelWins = level.length <= stillOpen;
    const won = levelWins ? [...winners, ...level] : winners;
    const revote = levelWins ? [] : level;
    const publicOf = (cs: CommitteeCandidateInput[]) =>
      cs.map((o) => `${o.name}的 ${count(o.publicVotes)} 票`).join('、');
    for (const c of won) {
      outcome.set(c, 'elected');
      const behind = tied.filter((o) => o.publicVotes < c.publicVotes);
      explanation.set(
        c,
        `${fight(c)}，以群众投票 ${count(c.publicVotes)} 票多于${publicOf(behind)}取得最后名额，当选。`,
      );
    }
    for (const c of losers) {
      outcome.set(c, 'not_elected');
      const ahead = tied.filter((o) => o.publicVotes > c.publicVotes);
      explanation.set(
        c,
        `${fight(c)}，群众投票 ${count(c.publicVotes)} 票少于${publicOf(ahead)}，未能取得最后名额，不能当选。`,
      );
    }
    for (const c of revote) {
      outcome.set(c, 'tie_revote');
      const others = level.filter((o) => o !== c);
      explanation.set(
        c,
        `${fight(c)}，群众投票也与${names(others)}同为 ${count(c.publicVotes)} 票，按规则须再次表决。`,
      );
    }
    if (revote.length > 0) {
      revotePlaces = stillOpen;
      revoteCount = revote.length;
    }
  }

  const elected = ordered.filter((c) => outcome.get(c) === 'elected').length;
  const vacancies = quota - elected - revotePlaces;
  const parts = [`剩余名额 ${quota} 名，当选 ${elected} 名`];
  if (revotePlaces > 0) {
    parts.push(`${revoteCount} 人同票争夺最后 ${revotePlaces} 个名额，须再次表决`);
  }
  if (vacancies > 0) {
    parts.push(`达到当选票数的只有 ${qualified.length} 人，${vacancies} 个名额空缺`);
  }
  return {
    ...sitting,
    elected,
    revotePlaces,
    vacancies,
    quorumExplanation,
    summary: `${parts.join('；')}。`,
    candidates: ordered.map((c) => ({
      ...standing(c),
      outcome: outcome.get(c)!,
      explanation: explanation.get(c)!,
    })),
  };
}
