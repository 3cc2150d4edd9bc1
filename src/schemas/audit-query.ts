import { z } from 'zod';
import { lineText } from './text.ts';

/** Filters of the audit log view and its export; every one optional. */
export const auditQuerySchema = z
  .object({
    /** `campaign.` matches every campaign action; a full name matches one. */
    action: lineText().trim().max(60).optional(),
    entityType: lineText().trim().max(40).optional(),
    entityId: lineText().trim().max(64).optional(),
    actor: lineText().trim().toLowerCase().max(254).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** Entries older than this id (the next page). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['to'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
