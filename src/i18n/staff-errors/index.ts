import { messages as campaigns } from './campaigns.ts';
import { messages as candidates } from './candidates.ts';
import { messages as committee } from './committee.ts';
import { messages as importing } from './import.ts';
import { messages as integrity } from './integrity.ts';
import { messages as media } from './media.ts';
import { messages as notices } from './notices.ts';
import { messages as paper } from './paper.ts';
import { messages as reports } from './reports.ts';
import type { StaffErrorMessages } from './staff-error-messages-type.ts';

export type { StaffErrorMessages } from './staff-error-messages-type.ts';

/** Every area's messages in one table (one file per area keeps them near their verbs). */
export const staffErrorMessages: StaffErrorMessages = [
  campaigns,
  candidates,
  committee,
  importing,
  integrity,
  media,
  notices,
  paper,
  reports,
].reduce<StaffErrorMessages>(
  (all, area) => ({ zh: { ...all.zh, ...area.zh }, en: { ...all.en, ...area.en } }),
  { zh: {}, en: {} },
);
