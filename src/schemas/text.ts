import { z } from 'zod';

/**
 * Text as users may send it. C0 control characters (and DEL) have no place in a name or a
 * paragraph: a NUL made SQLite's `length()` stop early and a CHECK fail (a 500), and any of them
 * makes the Atom feed invalid XML. A line allows none; paragraphs allow tab, line feed and
 * carriage return. An unpaired surrogate (a broken emoji) is refused too: it cannot be stored
 * as UTF-8 or written into XML. Every text field of every input schema is built from these.
 */
const controlCharacterMessage = 'must not contain control characters';

/** One line: a name, a title, a phone number, a search. */
export function lineText() {
  return z
    .string()
    .regex(/^[^\u0000-\u001f\u007f]*$/, controlCharacterMessage)
    .refine((v) => v.isWellFormed(), controlCharacterMessage);
}

/** Paragraphs: deeds, notes, a report, Markdown. */
export function paragraphText() {
  return z
    .string()
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, controlCharacterMessage)
    .refine((v) => v.isWellFormed(), controlCharacterMessage);
}
