import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { getImportTemplate } from '#src/domain/candidates/get-import-template.ts';
import { importCandidates } from '#src/domain/candidates/import-candidates.ts';
import { sheetFormatOf, type SheetFormat } from '#src/domain/candidates/parse-candidate-sheet.ts';
import { DomainError } from '#src/domain/errors.ts';
import { errorMessage } from '#src/i18n/error-messages.ts';
import type { ApiEnv } from '../api-deps.ts';
import { errorResponse } from '../http-errors.ts';
import { requestLocale } from '../request-locale.ts';
import { staffActions } from '../admin-access.ts';
import { actingStaff, requireStaff } from '../staff-auth.ts';
import { limitBody } from '../request-guards.ts';
import { validParams } from '../request-validators.ts';

/**
 * Importing candidates from CSV and XLSX, with a dry run, and the empty templates. Plain routes
 * under /api/staff, outside the public OpenAPI document; editors and admins only. The file is
 * the raw request body, so no multipart parsing sits between the upload and the limit.
 */
export const staffImportRoutes = new Hono<ApiEnv>();

const maxImportBytes = 2 * 1024 * 1024;

const validSlugs = validParams('slug', 'track');

const validDryRun = validator('query', (value, c) => {
  const raw = value.dryRun;
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text === '0' || text === 'false') return { dryRun: false };
  if (text === '' || text === '1' || text === 'true') return { dryRun: true };
  return errorResponse(c, new DomainError('invalid_request'), [
    { path: 'dryRun', message: 'expected 1 or 0' },
  ]);
});

staffImportRoutes.post(
  '/staff/campaigns/:slug/tracks/:track/import',
  limitBody(maxImportBytes, 'import_too_large'),
  requireStaff(...staffActions['campaign.edit']),
  validSlugs,
  validDryRun,
  async (c) => {
    const { db } = c.var.deps;
    const params = c.req.valid('param');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const format = sheetFormatOf(c.req.header('content-type'), bytes);
    const locale = requestLocale(c);
    const result = await importCandidates(db, {
      campaignSlug: params.slug,
      trackSlug: params.track,
      bytes,
      format,
      dryRun: c.req.valid('query').dryRun,
      ...actingStaff(c),
      describe: (reason, p) => errorMessage(locale, reason, 'invalid_request', p),
    });
    return c.json(result, result.dryRun ? 200 : 201);
  },
);

for (const format of ['xlsx', 'csv'] as const satisfies SheetFormat[]) {
  staffImportRoutes.get(
    `/staff/campaigns/:slug/tracks/:track/import-template.${format}`,
    requireStaff(...staffActions['campaign.edit']),
    validSlugs,
    async (c) => {
      const params = c.req.valid('param');
      const template = await getImportTemplate(c.var.deps.db, {
        campaignSlug: params.slug,
        trackSlug: params.track,
        format,
      });
      return c.body(template.bytes, 200, {
        'content-type': template.contentType,
        'content-disposition': `attachment; filename="${template.filename}"`,
      });
    },
  );
}
