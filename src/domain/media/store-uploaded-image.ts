import type { Db } from '#src/db/client.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { describeCopies, insertImageCopies } from './insert-image-copies.ts';
import { prepareImageCopies } from './prepare-image-copies.ts';

/**
 * Stores a photo for use in a candidate's deeds (Markdown links to the main copy). The image is
 * not cropped; the copies and the audit entry are written in one transaction.
 */
export async function storeUploadedImage(
  db: Db,
  input: { bytes: Uint8Array; actorId: number | null; now: Date },
) {
  // Encoding happens outside the transaction: the process's one writer is never held up by it.
  const image = await prepareImageCopies(input.bytes, { purpose: 'content' });
  const copies = describeCopies(image);
  await db.transaction(async (tx) => {
    await insertImageCopies(tx, image, '');
    await recordAuditEntry(tx, input, {
      action: 'media.upload',
      entityType: 'media',
      entityId: image.mainId,
      after: { sourceType: image.sourceType, copies: copies.map((c) => c.id) },
    });
  });
  return { id: image.mainId, copies };
}
