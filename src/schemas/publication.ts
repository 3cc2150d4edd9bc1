import { z } from 'zod';

/**
 * The revision fields of every published document's public shape (publicity notice, naming
 * decision): they answer the same questions in the same words, documented once.
 */

/** A list row's latest revision, when it was first published and last revised, its page. */
export const publishedRevisionShape = {
  revision: z.int().meta({ description: 'The latest published revision.' }),
  publishedAt: z.iso.datetime().meta({ description: 'When revision 1 was published.' }),
  revisedAt: z.iso.datetime().meta({ description: 'When the latest revision was published.' }),
  permalink: z.url(),
};

/** The revision a document's body holds, and why it was published. */
export const shownRevisionShape = {
  shownRevision: z.int().meta({ description: 'The revision this body holds (`?revision=`).' }),
  changeNote: z.string(),
};

/** `?revision=`: an earlier published revision of the document. */
export const revisionQuerySchema = z.object({
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'An earlier revision; the latest when left out.' }),
});
