import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCampaign, type CampaignDetail } from '#src/domain/campaigns/get-campaign.ts';
import { votingStateOf } from '#src/domain/campaigns/voting-window.ts';
import { DomainError } from '#src/domain/errors.ts';
import { findResultCertificate } from '#src/domain/results/find-result-certificate.ts';
import { getOpenResults, type OpenResults } from '#src/domain/results/get-open-results.ts';
import { resultCertificateSchema } from '#src/schemas/result-certificate.ts';
import { slugSchema } from '#src/schemas/api.ts';
import {
  openResultsSchema,
  resultsCsvColumns,
  resultsCsvCertificateColumns,
  resultsCsvChannelColumns,
  resultsCsvCountColumns,
  type OpenResultsBody,
} from '#src/schemas/open-data.ts';
import {
  chineseHeader,
  csvHeaderQuery,
  resultsColumnMeanings,
} from '#src/schemas/open-data-columns.ts';
import { errorResponses, jsonResponse } from '../openapi-responses.ts';
import { newRouter } from '../new-router.ts';
import { csvFile, csvHeaders } from '../csv.ts';
import { liveCountsMaxAgeMs } from '../page-expiry.ts';
import type { ApiEnv } from '../api-deps.ts';

const params = z.object({ slug: slugSchema });
const csvQuery = z.object({ header: z.enum(['zh']).optional().meta(csvHeaderQuery) });

const countsRule =
  'Vote counts appear only while the campaign publishes them: for `countsVisibility: live` always ' +
  '(after the close they stay up as `provisional` until certified), otherwise only once staff ' +
  'have certified them after the close (until then `resultsStatus` is `under_review`, 核验中). ' +
  'Certified figures are those of the certificate and never change. While counts are hidden the ' +
  'count fields are absent, and candidates are always listed by ballot number, never by votes.';

const resultsRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}/results',
  summary: 'Results of a selection per track, as JSON',
  description: `Every public candidate per track with its number, name, organisation and status. ${countsRule}`,
  request: { params },
  responses: {
    200: jsonResponse(openResultsSchema, 'The results.'),
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
    `every row of a track), and once the results are certified with ` +
    `${resultsCsvCertificateColumns.map((c) => `\`${c}\``).join(', ')} (votes lost with voided ` +
    `ballots; the certificate's SHA-256 on every row); where a track runs paper or on-site ` +
    `channels, last ${resultsCsvChannelColumns.map((c) => `\`${c}\``).join(', ')} (votes per ` +
    `channel from reconciled batches, their sum and the weighted score). ${countsRule} While hidden, the count ` +
    'columns are not in the file.',
  request: { params, query: csvQuery },
  responses: {
    200: {
      description: 'The results as a CSV file.',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(400, 404),
  },
});

const certificateRoute = createRoute({
  method: 'get',
  path: '/campaigns/{slug}/results/certificate.json',
  summary: 'The certificate of a selection’s public vote, as hashed',
  description:
    'The certified result in its canonical JSON (keys sorted, no whitespace; README “Certified ' +
    'results”), byte for byte the text whose SHA-256 the results JSON, the CSV and the results ' +
    'page give: `sha256sum` of this file prints it. Per track: ballots received, voided per day ' +
    'and reason category, counted; per candidate: votes, votes lost with voided ballots, share. ' +
    'Never a voter’s address, network or device. 404 until the results are certified.',
  request: { params },
  responses: {
    200: jsonResponse(resultCertificateSchema, 'The certificate.'),
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
    resultsStatus: results.status,
    ...(results.certificate
      ? {
          certificate: {
            sha256: results.certificate.sha256,
            certifiedAt: results.certificate.certifiedAt.toISOString(),
            url: `/api/campaigns/${c.slug}/results/certificate.json`,
            document: results.certificate.document,
          },
        }
      : {}),
    tracks: results.tracks.map((r) => ({
      slug: r.track.slug,
      kind: r.track.kind,
      name: r.track.name,
      quota: r.track.quota,
      // Spread only when public: a key with an undefined value would still be a key.
      ...(results.countsVisible
        ? { ballotsCounted: r.counted ?? 0, ballotsInvalidated: r.invalidated ?? 0 }
        : {}),
      ...(r.channels
        ? {
            channels: r.channels.map((ch) => ({
              channel: ch.channel,
              ballotsReceived: ch.ballotsReceived,
              ballotsInvalid: ch.ballotsInvalid,
              ballotsCounted: ch.ballotsCounted,
            })),
          }
        : {}),
      ...(r.weights ? { weights: r.weights } : {}),
      candidates: r.candidates.map((x) => ({
        id: x.id,
        number: x.number,
        name: x.name,
        organisation: x.organisation,
        status: x.status,
        ...(results.countsVisible ? { votes: x.votes ?? 0, rank: x.rank ?? 0 } : {}),
        ...(x.votesVoided !== undefined ? { votesVoided: x.votesVoided } : {}),
        ...(x.votesByChannel
          ? { votesByChannel: x.votesByChannel, votesAllChannels: x.votesAllChannels }
          : {}),
        ...(x.score !== undefined ? { score: x.score } : {}),
      })),
    })),
  };
}

function toCsv(results: OpenResults, chinese: boolean): string {
  const certificate = results.certificate;
  // Channel columns only where paper or on-site votes are published.
  const channelled = results.countsVisible && results.tracks.some((r) => r.channels);
  const names = [
    ...resultsCsvColumns,
    ...(results.countsVisible ? resultsCsvCountColumns : []),
    ...(certificate ? resultsCsvCertificateColumns : []),
    ...(channelled ? resultsCsvChannelColumns : []),
  ];
  const header = chinese ? chineseHeader(resultsColumnMeanings, names) : names;
  const rows = results.tracks.flatMap((r) =>
    r.candidates.map((x) => {
      const cells: unknown[] = [r.track.slug, r.track.name, x.number, x.name, x.organisation];
      cells.push(x.status);
      if (results.countsVisible) cells.push(x.votes, x.rank, r.counted, r.invalidated);
      if (certificate) cells.push(x.votesVoided ?? 0, certificate.sha256);
      if (channelled) {
        const by = x.votesByChannel;
        cells.push(
          by ? (by.online ?? 0) : (x.votes ?? 0),
          by?.paper ?? '',
          by?.onsite ?? '',
          x.votesAllChannels ?? x.votes ?? 0,
          x.score ?? '',
        );
      }
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

/** A campaign and its results as the public may see them now (counts shown or hidden). */
async function openResultsOf(c: Context<ApiEnv>, slug: string) {
  const { db, clock } = c.var.deps;
  const now = clock.now();
  const detail = await getCampaign(db, slug);
  return { detail, results: await getOpenResults(db, detail, now), now };
}

/** Results as open data (JSON and CSV), for everyone. Documented in the OpenAPI document. */
export const openDataRoutes = newRouter()
  .openapi(resultsRoute, async (c) => {
    const { detail, results, now } = await openResultsOf(c, c.req.valid('param').slug);
    return c.json(present(detail, results, now), 200, liveCountsControl(results, detail, now));
  })
  .openapi(certificateRoute, async (c) => {
    const { db } = c.var.deps;
    const detail = await getCampaign(db, c.req.valid('param').slug);
    const certificate = await findResultCertificate(db, detail.campaign.id);
    if (!certificate) {
      throw new DomainError('not_found', 'certificate_not_found', { slug: detail.campaign.slug });
    }
    // The stored text itself: a re-serialisation could differ from what was hashed.
    return c.body(certificate.text, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `inline; filename="certificate-${detail.campaign.slug}.json"`,
    }) as never;
  })
  .openapi(csvRoute, async (c) => {
    const { detail, results, now } = await openResultsOf(c, c.req.valid('param').slug);
    const chinese = c.req.valid('query').header === 'zh';
    return c.body(toCsv(results, chinese), 200, {
      ...csvHeaders(`results-${detail.campaign.slug}.csv`),
      ...liveCountsControl(results, detail, now),
    });
  });
