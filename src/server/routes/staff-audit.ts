import { Hono } from 'hono';
import { csvFile, csvHeaders } from '../csv.ts';
import { listAuditEntries, type AuditEntryView } from '#src/domain/audit/list-audit-entries.ts';
import {
  auditActionLabels,
  auditChanges,
  auditEntityLabels,
  formatAuditTime,
} from '#src/i18n/audit-text.ts';
import { auditQuerySchema } from '#src/schemas/audit-query.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { requireStaff } from '../staff-auth.ts';
import { validQuery } from '../request-validators.ts';

/** The audit log for auditors and admins. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffAuditRoutes = new Hono<ApiEnv>();

/** The most one export holds; narrower filters get the rest. */
const exportLimit = 50_000;

/**
 * The columns: the page's words first, then the codes for exact filtering and the recorded JSON.
 * Time is Beijing time, as on the page, and the header says so (the export once gave UTC while
 * the page showed Beijing time).
 */
const csvColumns = [
  'id',
  '时间（北京时间 UTC+8）',
  '操作人',
  '操作',
  '对象类型',
  '对象',
  '改动',
  'actor_email',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
];

function csvRow(e: AuditEntryView): unknown[] {
  return [
    e.id,
    formatAuditTime(e.at),
    e.actor?.displayName ?? '系统 / 命令行',
    auditActionLabels[e.action] ?? e.action,
    auditEntityLabels[e.entityType] ?? e.entityType,
    e.entityName ?? e.entityId,
    auditChanges(e.before, e.after)
      .map((c) => `${c.label}：${c.before} → ${c.after}`)
      .join('；'),
    e.actor?.email ?? 'system',
    e.action,
    e.entityType,
    e.entityId,
    e.before === null ? '' : JSON.stringify(e.before),
    e.after === null ? '' : JSON.stringify(e.after),
  ];
}

staffAuditRoutes
  .get(
    '/staff/audit',
    requireStaff(...staffActions['audit.read']),
    validQuery(auditQuerySchema),
    async (c) => {
      const page = await listAuditEntries(c.var.deps.db, c.req.valid('query'));
      return c.json(page, 200);
    },
  )
  .get(
    '/staff/audit.csv',
    requireStaff(...staffActions['audit.read']),
    validQuery(auditQuerySchema),
    async (c) => {
      const { before: _ignored, ...filters } = c.req.valid('query');
      const { entries } = await listAuditEntries(c.var.deps.db, { ...filters, limit: exportLimit });
      const stamp = c.var.deps.clock.now().toISOString().slice(0, 10);
      return c.body(
        csvFile(csvColumns, entries.map(csvRow)),
        200,
        csvHeaders(`audit-log-${stamp}.csv`),
      );
    },
  );
