import { z } from 'zod';
import { lineText, paragraphText } from './text.ts';

/** A staff correction of the Traditional conversion: a whole name or phrase and its right form. */
const term = lineText().trim().min(1).max(50);
export const conversionTermInputSchema = z
  .object({ simplified: term, traditional: term, note: lineText().trim().max(200).default('') })
  .strict();

/** Text to preview in Traditional Chinese, as the pages would show it. */
export const conversionPreviewSchema = z.object({ text: paragraphText().max(20_000) }).strict();
