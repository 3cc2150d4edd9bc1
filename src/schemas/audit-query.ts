import { z } from 'zod';

/** Filters of the audit log view and its export; every one optional. */
export const auditQuerySchema = z
  .object({
    /** `campaign.` matches every campaign action; a full name matches one. */
    action: z.string().trim().max(60).optional(),
    entityType: z.string().trim().max(40).optional(),
    entityId: z.string().trim().max(64).optional(),
    actor: z.string().trim().toLowerCase().max(254).optional(),
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
