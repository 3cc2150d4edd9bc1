import type { StaffErrorMessages } from './staff-error-messages-type.ts';

export const messages: StaffErrorMessages = { zh: {}, en: {} };
