import { inArray, or } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { media } from '#src/db/schema/index.ts';

export interface ImageCopyInfo {
  id: string;
  contentType: string;
  width: number;
  height: number;
}

/**
 * The stored copies of each image named, the image itself included, for a whole page of cards
 * in one query (never one per card). Bytes are not read. An image without copies (an old SVG
 * portrait) maps to itself alone; an unknown id maps to nothing.
 */
export async function listImageCopies(
  db: Db,
  mainIds: readonly (string | null | undefined)[],
): Promise<Map<string, ImageCopyInfo[]>> {
  const ids = [...new Set(mainIds.filter((id): id is string => typeof id === 'string'))];
  const byMain = new Map<string, ImageCopyInfo[]>();
  if (ids.length === 0) return byMain;
  const rows = await db
    .select({
      id: media.id,
      contentType: media.contentType,
      width: media.width,
      height: media.height,
      variantOf: media.variantOf,
    })
    .from(media)
    .where(or(inArray(media.id, ids), inArray(media.variantOf, ids)));
  const wanted = new Set(ids);
  for (const { variantOf, ...copy } of rows) {
    // A copy that is itself a main image of this page counts under its own id; a variant under
    // its main image's.
    const owners = [
      ...(wanted.has(copy.id) ? [copy.id] : []),
      ...(variantOf && wanted.has(variantOf) ? [variantOf] : []),
    ];
    for (const owner of owners) {
      const list = byMain.get(owner) ?? [];
      list.push(copy);
      byMain.set(owner, list);
    }
  }
  for (const list of byMain.values()) list.sort((a, b) => a.width - b.width);
  return byMain;
}
