/**
 * Enumerations shared by the database schema, the API, forms and pages. Plain `as const` arrays
 * so that both zod and drizzle CHECK constraints are built from the same list.
 */

/** The seven stages of a selection, in order (src/domain/README.md). */
export const campaignStages = [
  'nomination',
  'review',
  'public_vote',
  'second_shortlist',
  'committee_vote',
  'publicity',
  'concluded',
] as const;
export type CampaignStage = (typeof campaignStages)[number];

export const trackKinds = ['unit', 'individual'] as const;
export type TrackKind = (typeof trackKinds)[number];

export const candidateStatuses = [
  'nominated',
  'shortlisted',
  'second_shortlist',
  'elected',
  'not_elected',
  'withdrawn',
] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];

/**
 * Statuses that may be shown to the public. Only candidates that passed the initial review are
 * ever public; a nominated or withdrawn candidate never appears on a page, in the API or in a
 * feed.
 */
export const publicCandidateStatuses = [
  'shortlisted',
  'second_shortlist',
  'elected',
  'not_elected',
] as const satisfies readonly CandidateStatus[];

/** Whether vote counts are visible while the vote runs, or only after it closes. */
export const countsVisibilities = ['live', 'after_close'] as const;
export type CountsVisibility = (typeof countsVisibilities)[number];

export const ballotStatuses = ['counted', 'invalidated'] as const;
export type BallotStatus = (typeof ballotStatuses)[number];

/**
 * Staff roles. The supervisor (监督, e.g. the discipline inspection office) alone reads the
 * reports sent in during a publicity period.
 */
export const staffRoles = ['admin', 'editor', 'monitor', 'auditor', 'supervisor'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * Roles that must log in with a second factor (a TOTP app): the admin holds every account and
 * the monitor voids ballots. Every other role may turn it on.
 */
export const secondFactorRequiredRoles: readonly StaffRole[] = ['admin', 'monitor'];

export const noticeStatuses = ['draft', 'published'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/**
 * The order of a notice's entries within each track: by the strokes of the surname (姓氏笔画,
 * the customary order of a 公示, as ICU's `zh-u-co-stroke` collation sorts names), or by
 * ballot number.
 */
export const noticeEntryOrders = ['stroke', 'number'] as const;
export type NoticeEntryOrder = (typeof noticeEntryOrders)[number];

/**
 * Where a report from the public stands: received (no one has taken it up), verifying (a
 * supervisor is checking it), concluded (a finding, what was done and a reply are recorded).
 */
export const reportStatuses = ['received', 'verifying', 'concluded'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** The finding of a concluded report: 属实, 部分属实, 不属实, 无法核实. */
export const reportFindings = [
  'substantiated',
  'partly_substantiated',
  'unsubstantiated',
  'unverifiable',
] as const;
export type ReportFinding = (typeof reportFindings)[number];

/** How many of the committee members due must be present for the committee vote to be valid. */
export const committeeQuorums = ['two_thirds', 'more_than_half'] as const;
export type CommitteeQuorum = (typeof committeeQuorums)[number];

/** What a candidate needs to be elected: votes in favour from more than half of whom. */
export const committeeThresholds = ['more_than_half_of_due', 'more_than_half_of_present'] as const;
export type CommitteeThreshold = (typeof committeeThresholds)[number];

/**
 * What happens when candidates tie for the last place within the quota: the tied ones go to
 * another round (`revote`), or the one with more public votes takes the place
 * (`more_public_votes`; a tie there still goes to another round).
 */
export const committeeTieBreaks = ['revote', 'more_public_votes'] as const;
export type CommitteeTieBreak = (typeof committeeTieBreaks)[number];

export const committeeSessionStatuses = ['draft', 'confirmed'] as const;
export type CommitteeSessionStatus = (typeof committeeSessionStatuses)[number];
