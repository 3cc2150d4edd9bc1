import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate, track } from '#src/db/schema/index.ts';

/** Deeds shorter than this read as a placeholder ("测试事迹", "待补充") rather than a profile. */
export const placeholderDeedsLength = 100;

export interface PublicationWarning {
  id: number;
  number: number;
  name: string;
  trackName: string;
  missingPhoto: boolean;
  /** Characters of deeds (without spaces); below placeholderDeedsLength. Null when long enough. */
  shortDeeds: number | null;
}

/**
 * What would go public looking unfinished with the move into the public vote: shortlisted
 * candidates without a photo, or whose deeds are only a placeholder. Warnings, not refusals:
 * a unit may have no emblem, and the organisation department decides.
 */
export async function listPublicationWarnings(
  db: Db,
  campaignId: number,
): Promise<PublicationWarning[]> {
  const rows = await db
    .select({
      id: candidate.id,
      number: candidate.number,
      name: candidate.name,
      portraitId: candidate.portraitId,
      deeds: candidate.deeds,
      trackName: track.name,
    })
    .from(candidate)
    .innerJoin(track, eq(track.id, candidate.trackId))
    .where(and(eq(candidate.campaignId, campaignId), eq(candidate.status, 'shortlisted')))
    .orderBy(asc(track.position), asc(track.id), asc(candidate.number));
  return rows.flatMap((r) => {
    const length = [...r.deeds.replace(/\s+/g, '')].length;
    const missingPhoto = r.portraitId === null;
    const shortDeeds = length < placeholderDeedsLength ? length : null;
    if (!missingPhoto && shortDeeds === null) return [];
    return [
      {
        id: r.id,
        number: r.number,
        name: r.name,
        trackName: r.trackName,
        missingPhoto,
        shortDeeds,
      },
    ];
  });
}
