import { inArray } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballotNumber } from '#src/i18n/admin-text.ts';
import { campaign, candidate, notice, staffUser, track } from '#src/db/schema/index.ts';

/** `type:id` → the object's name as staff know it. */
export type AuditObjectNames = Map<string, string>;

export const auditObjectKey = (entityType: string, entityId: string) => `${entityType}:${entityId}`;

/**
 * The names of the objects a page of audit entries is about (a candidate's name and number, a
 * campaign's title, a staff member's display name), so the log reads "顾明澜（03号）" rather
 * than "candidate #94". One query per kind of object, whatever the page holds. An object since
 * deleted, or of a kind without a name, is left out: the page then shows its id.
 */
export async function nameAuditObjects(
  db: Db,
  entries: { entityType: string; entityId: string }[],
): Promise<AuditObjectNames> {
  const idsOf = (type: string) => [
    ...new Set(
      entries
        .filter((e) => e.entityType === type && /^\d{1,12}$/.test(e.entityId))
        .map((e) => Number(e.entityId)),
    ),
  ];
  // Campaigns are logged by id in some verbs and by slug in others.
  const campaignSlugs = [
    ...new Set(
      entries
        .filter((e) => e.entityType === 'campaign' && !/^\d+$/.test(e.entityId))
        .map((e) => e.entityId),
    ),
  ];
  const names: AuditObjectNames = new Map();
  const candidates = idsOf('candidate');
  const campaigns = idsOf('campaign');
  const tracks = idsOf('track');
  const notices = idsOf('notice');
  const staff = idsOf('staff_user');
  const [c, cs, ca, t, n, s] = await Promise.all([
    candidates.length
      ? db
          .select({ id: candidate.id, name: candidate.name, number: candidate.number })
          .from(candidate)
          .where(inArray(candidate.id, candidates))
      : [],
    campaignSlugs.length
      ? db
          .select({ id: campaign.id, slug: campaign.slug, title: campaign.title })
          .from(campaign)
          .where(inArray(campaign.slug, campaignSlugs))
      : [],
    campaigns.length
      ? db
          .select({ id: campaign.id, slug: campaign.slug, title: campaign.title })
          .from(campaign)
          .where(inArray(campaign.id, campaigns))
      : [],
    tracks.length
      ? db.select({ id: track.id, name: track.name }).from(track).where(inArray(track.id, tracks))
      : [],
    notices.length
      ? db
          .select({ id: notice.id, title: notice.title })
          .from(notice)
          .where(inArray(notice.id, notices))
      : [],
    staff.length
      ? db
          .select({ id: staffUser.id, name: staffUser.displayName })
          .from(staffUser)
          .where(inArray(staffUser.id, staff))
      : [],
  ]);
  for (const r of c) {
    names.set(auditObjectKey('candidate', String(r.id)), `${r.name}（${ballotNumber(r.number)}）`);
  }
  for (const r of cs) names.set(auditObjectKey('campaign', r.slug), r.title);
  for (const r of ca) names.set(auditObjectKey('campaign', String(r.id)), r.title);
  for (const r of t) names.set(auditObjectKey('track', String(r.id)), r.name);
  for (const r of n) names.set(auditObjectKey('notice', String(r.id)), r.title);
  for (const r of s) names.set(auditObjectKey('staff_user', String(r.id)), r.name);
  return names;
}
