import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { auditLog, staffUser } from '#src/db/schema/index.ts';
import type { AuditQuery } from '#src/schemas/audit-query.ts';
import { auditObjectKey, nameAuditObjects } from './name-audit-objects.ts';

export interface AuditEntryView {
  id: number;
  at: Date;
  actor: { id: number; email: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The object's name as staff know it (nameAuditObjects); null when it has none. */
  entityName: string | null;
  before: unknown;
  after: unknown;
}

/** `%` and `_` typed by staff are meant literally in a prefix search. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * Audit entries, newest first, a page at a time (keyset on the id, so a page stays stable while
 * new entries arrive). `action` ending in a dot is a prefix: `candidate.` is every candidate
 * action.
 */
export async function listAuditEntries(
  db: Db,
  query: Omit<AuditQuery, 'limit'> & { limit: number },
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  const where: SQL[] = [];
  if (query.action) {
    where.push(
      query.action.endsWith('.')
        ? sql`${auditLog.action} like ${`${escapeLike(query.action)}%`} escape '\\'`
        : eq(auditLog.action, query.action),
    );
  }
  if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.actor) where.push(eq(staffUser.email, query.actor));
  if (query.from) where.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) where.push(lt(auditLog.at, new Date(query.to)));
  if (query.before) where.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({ entry: auditLog, actor: staffUser })
    .from(auditLog)
    .leftJoin(staffUser, eq(staffUser.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const names = await nameAuditObjects(
    db,
    page.map(({ entry }) => entry),
  );
  return {
    entries: page.map(({ entry, actor }) => ({
      id: entry.id,
      at: entry.at,
      actor: actor ? { id: actor.id, email: actor.email, displayName: actor.displayName } : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      entityName: names.get(auditObjectKey(entry.entityType, entry.entityId)) ?? null,
      before: entry.before,
      after: entry.after,
    })),
    nextBefore: rows.length > query.limit ? page[page.length - 1]!.entry.id : null,
  };
}
