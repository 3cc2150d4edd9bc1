import { createRoute, z } from '@hono/zod-openapi';
import { getCampaign, type CampaignDetail } from '../../domain/campaigns/get-campaign.ts';
import { votingStateOf } from '../../domain/campaigns/voting-window.ts';
import { getOpenResults, type OpenResults } from '../../domain/results/get-open-results.ts';
import { slugSchema } from '../../schemas/api.ts';
import {
  openResultsSchema,
  resultsCsvColumns,
  resultsCsvCountColumns,
  type OpenResultsBody,
} from '../../schemas/open-data.ts';
import {
  chineseHeader,
  csvHeaderQuery,
  resultsColumnMeanings,
} from '../../schemas/open-data-columns.ts';
import { errorResponses, newRouter } from '../api-env.ts';
import { csvFile, csvHeaders } from '../csv.ts';
import { liveCountsMaxAgeMs } from '../page-expiry.ts';

const params = z.object({ slug: slugSchema });
const csvQuery = z.object({ header: z.enum(['zh']).optional().meta(csvHeaderQuery) });

const countsRule =
  'Vote counts appear only while the campaign publishes them: always for `countsVisibility: live`, ' +
  'otherwise only once voting has closed. While they are hidden the count fields are absent, and ' +
  'candidates are always listed by ballot number, never by votes.';

const resultsRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}/results',
  summary: 'Results of a selection per track, as JSON',
  description: `Every public candidate per track with its number, name, organisation and status. ${countsRule}`,
  request: { params },
  responses: {
    200: {
      description: 'The results.',
      content: { 'application/json': { schema: openResultsSchema } },
    },
    ...errorResponses(400, 404),
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}/results.csv',
  summary: 'Results of a selection per track, as CSV',
  description:
    'UTF-8 with a byte-order mark, CRLF line ends, every cell quoted; a cell that would start ' +
    "with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so that spreadsheet " +
    'programs do not run it as a formula. One row per public candidate, tracks in display order, ' +
    `candidates by ballot number. Header row: ${resultsCsvColumns.map((c) => `\`${c}\``).join(', ')}` +
    ` (track slug, track name, ballot number, name, organisation, status code: \`shortlisted\`, ` +
    '`second_shortlist`, `elected`, `not_elected`); while counts are public it goes on with ' +
    `${resultsCsvCountColumns.map((c) => `\`${c}\``).join(', ')} (the ballot totals repeat on ` +
    `every row of a track). ${countsRule} While hidden, those four columns are not in the file.`,
  request: { params, query: csvQuery },
  responses: {
    200: {
      description: 'The results as a CSV file.',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 404),
  },
});

function present(
  detail: Awaited<ReturnType<typeof getCampaign>>,
  results: OpenResults,
  now: Date,
): OpenResultsBody {
  const c = detail.campaign;
  return {
    campaign: c.slug,
    title: c.title,
    asOf: now.toISOString(),
    votingState: votingStateOf(c, now),
    countsVisibility: c.countsVisibility,
    countsVisible: results.countsVisible,
    tracks: results.tracks.map((r) => ({
      slug: r.track.slug,
      kind: r.track.kind,
      name: r.track.name,
      quota: r.track.quota,
      // Spread only when public: a key with an undefined value would still be a key.
      ...(results.countsVisible
        ? { ballotsCounted: r.counted ?? 0, ballotsInvalidated: r.invalidated ?? 0 }
        : {}),
      candidates: r.candidates.map((x) => ({
        id: x.id,
        number: x.number,
        name: x.name,
        organisation: x.organisation,
        status: x.status,
        ...(results.countsVisible ? { votes: x.votes ?? 0, rank: x.rank ?? 0 } : {}),
      })),
    })),
  };
}

function toCsv(results: OpenResults, chinese: boolean): string {
  const names = results.countsVisible
    ? [...resultsCsvColumns, ...resultsCsvCountColumns]
    : [...resultsCsvColumns];
  const header = chinese ? chineseHeader(resultsColumnMeanings, names) : names;
  const rows = results.tracks.flatMap((r) =>
    r.candidates.map((x) => {
      const cells: unknown[] = [r.track.slug, r.track.name, x.number, x.name, x.organisation];
      cells.push(x.status);
      if (results.countsVisible) cells.push(x.votes, x.rank, r.counted, r.invalidated);
      return cells;
    }),
  );
  return csvFile(header, rows);
}

/**
 * Counts that still move (shown live while the vote is open) are a few seconds old at most in
 * any cache, the page cache included (src/server/page-cache.ts reads max-age).
 */
function liveCountsControl(
  results: OpenResults,
  detail: CampaignDetail,
  now: Date,
): Record<string, string> {
  return results.countsVisible && votingStateOf(detail.campaign, now) === 'open'
    ? { 'Cache-Control': `public, max-age=${liveCountsMaxAgeMs / 1000}` }
    : {};
}

/** Results as open data (JSON and CSV), for everyone. Documented in the OpenAPI document. */
export const openDataRoutes = newRouter()
  .openapi(resultsRoute, async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock.now();
    const detail = await getCampaign(db, c.req.valid('param').slug);
    const results = await getOpenResults(db, detail, now);
    return c.json(present(detail, results, now), 200, liveCountsControl(results, detail, now));
  })
  .openapi(csvRoute, async (c) => {
    const { db, clock } = c.var.deps;
    const now = clock.now();
    const detail = await getCampaign(db, c.req.valid('param').slug);
    const results = await getOpenResults(db, detail, now);
    const chinese = c.req.valid('query').header === 'zh';
    return c.body(toCsv(results, chinese), 200, {
      ...csvHeaders(`results-${detail.campaign.slug}.csv`),
      ...liveCountsControl(results, detail, now),
    });
  });
