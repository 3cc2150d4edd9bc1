import { Hono, type Context } from 'hono';
import { getCampaign } from '#src/domain/campaigns/get-campaign.ts';
import { compareBatchPasses } from '#src/domain/paper/compare-batch-passes.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { finishBatchPass } from '#src/domain/paper/finish-batch-pass.ts';
import { getEntryBatch } from '#src/domain/paper/get-entry-batch.ts';
import { resolvePaperDifference } from '#src/domain/paper/resolve-paper-difference.ts';
import { resolveTallyDifference } from '#src/domain/paper/resolve-tally-difference.ts';
import { enterPaperBallot } from '#src/domain/paper/enter-paper-ballot.ts';
import { enterTallySheet } from '#src/domain/paper/enter-tally-sheet.ts';
import { listBallotBatches } from '#src/domain/paper/list-ballot-batches.ts';
import { listPassEntries } from '#src/domain/paper/list-pass-entries.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import {
  ballotBatchInputSchema,
  paperEntryInputSchema,
  paperResolutionInputSchema,
  tallyResolutionInputSchema,
  tallySheetInputSchema,
} from '#src/schemas/paper.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/** Printed ballot batches. Plain routes under /api/staff, outside the public OpenAPI document. */
export const staffPaperRoutes = new Hono<ApiEnv>();

// Those who run the campaign print; those who watch or check it may read the batches.
const readers = requireStaff(...staffActions['campaign.read']);
const printers = requireStaff(...staffActions['paper.register']);
// Only tellers enter: each pass is one teller's reading of the sheets in hand.
const tellers = requireStaff(...staffActions['paper.enter']);
// A third person settles differences between the two passes.
const reconcilers = requireStaff(...staffActions['paper.reconcile']);

// The batch's id is the path's `id`.
const validBatchId = validParams('id');

const validSlug = validParams('slug');

/** The verbs of a pass take the teller who enters it. */
function teller(c: Context<ApiEnv>) {
  const { actorId, now } = actingStaff(c);
  return { tellerId: actorId, now };
}

/** Settling a difference takes the role too: only an admin or a monitor may. */
function reconciler(c: Context<ApiEnv>) {
  return { ...actingStaff(c), role: c.var.staff!.user.role };
}

staffPaperRoutes
  .get('/staff/campaigns/:slug/batches', readers, validSlug, async (c) => {
    const { db } = c.var.deps;
    const detail = await getCampaign(db, c.req.valid('param').slug);
    return c.json({ batches: await listBallotBatches(db, detail.campaign.id) }, 200);
  })
  .post(
    '/staff/campaigns/:slug/batches',
    printers,
    validSlug,
    validJson(ballotBatchInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const made = await registerBallotBatch(db, {
        campaignSlug: c.req.valid('param').slug,
        batch: c.req.valid('json'),
        ...actingStaff(c),
      });
      return c.json({ batch: made }, 201);
    },
  )
  .get('/staff/batches/:id/entries', tellers, validBatchId, async (c) => {
    const mine = await listPassEntries(c.var.deps.db, {
      batchId: c.req.valid('param').id,
      tellerId: c.var.staff!.user.id,
    });
    return c.json(mine ?? { pass: null, total: 0, entries: [] }, 200);
  })
  .post(
    '/staff/batches/:id/entries',
    tellers,
    validBatchId,
    validJson(paperEntryInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const entry = await enterPaperBallot(db, {
        batchId: c.req.valid('param').id,
        entry: c.req.valid('json'),
        ...teller(c),
      });
      return c.json({ entry }, 201);
    },
  )
  .post(
    '/staff/batches/:id/tally',
    tellers,
    validBatchId,
    validJson(tallySheetInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const sheet = await enterTallySheet(db, {
        batchId: c.req.valid('param').id,
        sheet: c.req.valid('json'),
        ...teller(c),
      });
      return c.json({ sheet }, 201);
    },
  )
  .post('/staff/batches/:id/finish', tellers, validBatchId, async (c) => {
    const { db } = c.var.deps;
    const done = await finishBatchPass(db, {
      batchId: c.req.valid('param').id,
      ...teller(c),
    });
    return c.json(done, 200);
  })
  .get('/staff/batches/:id/differences', reconcilers, validBatchId, async (c) => {
    const { db } = c.var.deps;
    const id = c.req.valid('param').id;
    await getEntryBatch(db, id);
    const comparison = await compareBatchPasses(db, id);
    return c.json(
      {
        state: comparison.state,
        passes: comparison.passes,
        agreed: comparison.agreed.size,
        differences: comparison.differences.map((d) => ({ ...d, serial: formatSerial(d.serial) })),
        tally: comparison.tally,
      },
      200,
    );
  })
  .post(
    '/staff/batches/:id/resolutions',
    reconcilers,
    validBatchId,
    validJson(paperResolutionInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const resolution = await resolvePaperDifference(db, {
        batchId: c.req.valid('param').id,
        resolution: c.req.valid('json'),
        ...reconciler(c),
      });
      return c.json({ resolution }, 201);
    },
  )
  .post(
    '/staff/batches/:id/tally-resolution',
    reconcilers,
    validBatchId,
    validJson(tallyResolutionInputSchema),
    async (c) => {
      const { db } = c.var.deps;
      const resolution = await resolveTallyDifference(db, {
        batchId: c.req.valid('param').id,
        resolution: c.req.valid('json'),
        ...reconciler(c),
      });
      return c.json({ resolution }, 201);
    },
  );
