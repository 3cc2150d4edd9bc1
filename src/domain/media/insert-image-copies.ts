import type { Db, Tx } from '#src/db/client.ts';
import { media } from '#src/db/schema/index.ts';
import type { PreparedImage } from './prepare-image-copies.ts';

/**
 * Writes an image's copies in the caller's transaction. Ids are content hashes, so a copy that
 * is already stored is left as it is: the same upload twice adds no row.
 */
export async function insertImageCopies(
  tx: Tx | Db,
  image: PreparedImage,
  alt: string,
): Promise<void> {
  await tx
    .insert(media)
    .values(
      image.copies.map((c) => ({
        id: c.id,
        contentType: c.contentType,
        bytes: c.bytes,
        width: c.width,
        height: c.height,
        alt,
        variantOf: c.id === image.mainId ? null : image.mainId,
      })),
    )
    .onConflictDoNothing();
}

/** What callers get back about a stored image: no bytes. */
export function describeCopies(image: PreparedImage) {
  return image.copies.map(({ id, contentType, width, height }) => ({
    id,
    contentType,
    width,
    height,
  }));
}
