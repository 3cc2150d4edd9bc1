import { analyseVoteIntegrity } from '#src/domain/integrity/analyse-vote-integrity.ts';
import { voidBallots } from '#src/domain/integrity/void-ballots.ts';
import { certifyResults } from '#src/domain/results/certify-results.ts';
import { integrityQuerySchema, voidRequestSchema } from '#src/schemas/integrity.ts';
import { newRouter } from '../new-router.ts';
import { validJson, validParams, validQuery } from '../request-validators.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/**
 * Vote-integrity tools for staff: the stuffing report, voiding by filter and certifying the
 * result. Plain routes, so
 * they stay out of the public OpenAPI document; every one needs a staff session of the right
 * role, and every write needs the CSRF token.
 */
export const integrityRoutes = newRouter();

const validSlug = validParams('slug');

integrityRoutes.get(
  '/staff/campaigns/:slug/integrity',
  requireStaff(...staffActions['vote.monitor']),
  validSlug,
  validQuery(integrityQuerySchema),
  async (c) => {
    const { db, clock } = c.var.deps;
    const q = c.req.valid('query');
    const report = await analyseVoteIntegrity(db, {
      campaignSlug: c.req.valid('param').slug,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      now: clock.now(),
    });
    return c.json(report, 200);
  },
);

integrityRoutes.post(
  '/staff/campaigns/:slug/ballots/void',
  requireStaff(...staffActions['vote.void']),
  validSlug,
  validJson(voidRequestSchema),
  async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const result = await voidBallots(db, {
      campaignSlug: c.req.valid('param').slug,
      filter: body.filter,
      reasonCategory: body.reasonCategory,
      note: body.note,
      dryRun: body.dryRun,
      ...actingStaff(c),
    });
    return c.json(result, 200);
  },
);

integrityRoutes.post(
  '/staff/campaigns/:slug/results/certify',
  requireStaff(...staffActions['vote.certify']),
  validSlug,
  async (c) => {
    const { db, clock } = c.var.deps;
    const staff = c.var.staff!;
    const certificate = await certifyResults(db, {
      campaignSlug: c.req.valid('param').slug,
      actorId: staff.user.id,
      role: staff.user.role,
      now: clock.now(),
    });
    return c.json(
      {
        certifiedAt: certificate.certifiedAt.toISOString(),
        sha256: certificate.sha256,
        certificate: certificate.document,
      },
      201,
    );
  },
);
