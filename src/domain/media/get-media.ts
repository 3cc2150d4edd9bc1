import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { media } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

/** An image by its content hash. */
export async function getMedia(db: Db, id: string) {
  const row = await db.query.media.findFirst({ where: eq(media.id, id) });
  if (!row) throw new DomainError('not_found', 'media_not_found', { id });
  return row;
}
