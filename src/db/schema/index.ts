export * from './campaign.ts';
export * from './track.ts';
export * from './media.ts';
export * from './candidate.ts';
export * from './ballot.ts';
export * from './staff.ts';
export * from './notice.ts';
export * from './committee.ts';
