export type StaffMessage = string | ((p: Record<string, unknown>) => string);

/**
 * Error messages of the staff area, by reason. Staff work in Simplified Chinese; the English
 * text serves API clients that ask for it, and Traditional Chinese is converted from the
 * Simplified text.
 */
export interface StaffErrorMessages {
  zh: Record<string, StaffMessage>;
  en: Record<string, StaffMessage>;
}
