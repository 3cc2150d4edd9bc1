import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { compress } from 'hono/compress';
import { DomainError } from '../domain/errors.ts';
import { createDatabaseProbe } from '../domain/health/check-database.ts';
import { newRouter } from './new-router.ts';
import type { ApiApp, ApiDeps, ResolvedDeps } from './api-deps.ts';
import { createAddressKeys } from './address-keys.ts';
import { resolveClientAddress, trustedProxies } from './client-address.ts';
import { errorResponse, handleError } from './http-errors.ts';
import { ballotRoutes } from './routes/ballots.ts';
import { botCheckRoutes } from './routes/bot-check.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { deviceRoutes } from './routes/device.ts';
import { healthRoutes } from './routes/health.ts';
import { integrityRoutes } from './routes/staff-integrity.ts';
import { mediaRoutes } from './routes/media.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { noticeRoutes } from './routes/notices.ts';
import { openDataRoutes } from './routes/open-data.ts';
import { reportRoutes } from './routes/reports.ts';
import { staffAccountRoutes } from './routes/staff-accounts.ts';
import { staffAuditRoutes } from './routes/staff-audit.ts';
import { staffCampaignRoutes } from './routes/staff-campaigns.ts';
import { staffCandidateRoutes } from './routes/staff-candidates.ts';
import { staffCommitteeRoutes } from './routes/staff-committee.ts';
import { staffConversionRoutes } from './routes/staff-conversion.ts';
import { staffImportRoutes } from './routes/staff-import.ts';
import { staffMediaRoutes } from './routes/staff-media.ts';
import { staffDecisionRoutes } from './routes/staff-decisions.ts';
import { staffNoticeRoutes } from './routes/staff-notices.ts';
import { staffPaperRoutes } from './routes/staff-paper.ts';
import { staffReportRoutes } from './routes/staff-reports.ts';
import { staffSessionRoutes } from './routes/staff-session.ts';
import { staffSession } from './staff-auth.ts';

/**
 * The public API as a Hono app under `/api`. It has no Astro imports: the production server,
 * `astro dev` (src/fetch.ts) and the tests (`app.request()`) all mount the same app, and tests
 * swap the bot check, the clock and the client address.
 */
export function createApi(deps: ApiDeps): ApiApp {
  const trusted = trustedProxies(deps.config.trustProxy);
  const clientAddress =
    deps.clientAddress ??
    ((c: Context) => {
      let socket: string | undefined;
      try {
        socket = getConnInfo(c).remote.address;
      } catch {
        socket = undefined;
      }
      return resolveClientAddress(socket, c.req.header('x-forwarded-for'), trusted);
    });
  const full: ResolvedDeps = {
    ...deps,
    clientAddress,
    probeDatabase: createDatabaseProbe(deps.db, () => deps.clock.now().getTime()),
    addressKeys: createAddressKeys(deps.db),
  };

  const api = newRouter().basePath('/api') as ApiApp;
  api.use(async (c, next) => {
    c.set('deps', full);
    await next();
  });
  // Large answers (lists, exports) go out compressed; the front server's cache keeps open data
  // compressed already, and a ballot's answer is too small to gain anything.
  const compressLarge = compress({ threshold: 1024 });
  api.use((c, next) => (c.req.method === 'GET' ? compressLarge(c, next) : next()));
  api.route('/', healthRoutes);
  api.route('/', campaignRoutes);
  api.route('/', deviceRoutes);
  api.route('/', botCheckRoutes);
  api.route('/', ballotRoutes);
  api.route('/', mediaRoutes);
  api.route('/', noticeRoutes);
  api.route('/', decisionRoutes);
  api.route('/', reportRoutes);
  api.route('/', openDataRoutes);
  // Only staff routes look at the staff cookie: public requests never pay for a session lookup.
  api.use('/staff/*', staffSession());
  api.route('/', staffSessionRoutes);
  api.route('/', integrityRoutes);
  api.route('/', staffCampaignRoutes);
  api.route('/', staffCandidateRoutes);
  api.route('/', staffImportRoutes);
  api.route('/', staffMediaRoutes);
  api.route('/', staffCommitteeRoutes);
  api.route('/', staffAuditRoutes);
  api.route('/', staffAccountRoutes);
  api.route('/', staffConversionRoutes);
  api.route('/', staffNoticeRoutes);
  api.route('/', staffDecisionRoutes);
  api.route('/', staffReportRoutes);
  api.route('/', staffPaperRoutes);

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Outstanding units and cadres selection — public API',
      version: '1.0.0',
      description:
        'Read the selections and their public candidates, cast ballots and check receipts. Errors are ' +
        '`{ "error": { "code", "message" } }` with the message in the language of Accept-Language or `?lang=`.',
    },
    servers: [{ url: deps.config.publicBaseUrl }],
  });

  api.notFound((c) => errorResponse(c, new DomainError('not_found', 'route_not_found')));
  api.onError(handleError);
  return api;
}
