import { Hono } from 'hono';
import { addConversionTerm } from '#src/domain/conversion/add-conversion-term.ts';
import { listConversionTerms } from '#src/domain/conversion/list-conversion-terms.ts';
import { removeConversionTerm } from '#src/domain/conversion/remove-conversion-term.ts';
import { toTraditional } from '#src/i18n/convert-chinese.ts';
import { conversionPreviewSchema, conversionTermInputSchema } from '#src/schemas/conversion.ts';
import { validJson, validParams } from '../request-validators.ts';
import type { ApiEnv } from '../api-deps.ts';
import { loadConversionTerms } from '../conversion-term-sync.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';

/**
 * Staff corrections of the Simplified → Traditional conversion. Plain routes under /api/staff,
 * outside the public OpenAPI document.
 */
export const staffConversionRoutes = new Hono<ApiEnv>();

const editors = requireStaff(...staffActions['campaign.edit']);

staffConversionRoutes
  .get('/staff/conversion-terms', editors, async (c) => {
    return c.json({ terms: await listConversionTerms(c.var.deps.db) }, 200);
  })
  .post('/staff/conversion-terms', editors, validJson(conversionTermInputSchema), async (c) => {
    const { db } = c.var.deps;
    const row = await addConversionTerm(db, {
      ...c.req.valid('json'),
      ...actingStaff(c),
    });
    await loadConversionTerms(db);
    return c.json({ term: row }, 200);
  })
  .delete('/staff/conversion-terms/:id', editors, validParams('id'), async (c) => {
    const { db } = c.var.deps;
    await removeConversionTerm(db, {
      id: c.req.valid('param').id,
      ...actingStaff(c),
    });
    await loadConversionTerms(db);
    return c.body(null, 204);
  })
  .post('/staff/conversion-preview', editors, validJson(conversionPreviewSchema), (c) => {
    return c.json({ traditional: toTraditional(c.req.valid('json').text) }, 200);
  });
