import { Hono } from 'hono';
import { concludeReport } from '#src/domain/reports/conclude-report.ts';
import { listReports } from '#src/domain/reports/list-reports.ts';
import { takeUpReport } from '#src/domain/reports/take-up-report.ts';
import { readReport } from '#src/domain/reports/read-report.ts';
import type { ReportView } from '#src/domain/reports/report-view.ts';
import { reportConclusionSchema, reportQuerySchema } from '#src/schemas/report.ts';
import { validJson, validParams, validQuery } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/** Reports for supervisors, every read audit-logged. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffReportRoutes = new Hono<ApiEnv>();
const supervisors = requireStaff(...staffActions['report.handle']);

// The report's id is the path's `id`.
const validId = validParams('id');

function toJson(r: ReportView) {
  return {
    ...r,
    receivedAt: r.receivedAt.toISOString(),
    verifyingSince: r.verifyingSince?.toISOString() ?? null,
    concludedAt: r.concludedAt?.toISOString() ?? null,
  };
}

// Supervisors only, not even admins: reporters' names, phones and words are for those who
// verify them. Every answer is audited by the verb before it is returned.
staffReportRoutes
  .get('/staff/reports', supervisors, validQuery(reportQuerySchema), async (c) => {
    const { db } = c.var.deps;
    const page = await listReports(db, {
      ...c.req.valid('query'),
      ...actingStaff(c),
    });
    return c.json({ reports: page.reports.map(toJson), nextBefore: page.nextBefore }, 200);
  })
  .get('/staff/reports/:id', supervisors, validId, async (c) => {
    const { db } = c.var.deps;
    const view = await readReport(db, {
      id: c.req.valid('param').id,
      ...actingStaff(c),
    });
    return c.json(toJson(view), 200);
  })
  // Working a report through: take it up (verifying), then conclude it once. Supervisors only.
  .post('/staff/reports/:id/verifying', supervisors, validId, async (c) => {
    const { db } = c.var.deps;
    const done = await takeUpReport(db, {
      id: c.req.valid('param').id,
      ...actingStaff(c),
    });
    return c.json({ ...done, verifyingSince: done.verifyingSince.toISOString() }, 200);
  })
  .post(
    '/staff/reports/:id/conclusion',
    supervisors,
    validId,
    validJson(reportConclusionSchema),
    async (c) => {
      const { db } = c.var.deps;
      const done = await concludeReport(db, {
        id: c.req.valid('param').id,
        ...c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json({ ...done, concludedAt: done.concludedAt.toISOString() }, 200);
    },
  );
