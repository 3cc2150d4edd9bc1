import type { Db } from '#src/db/client.ts';
import { resultCertificate } from '#src/db/schema/index.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { getCampaign } from '../campaigns/get-campaign.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import { DomainError } from '../errors.ts';
import { countPaperChannels } from '../paper/count-paper-channels.ts';
import { buildResultCertificate } from './build-result-certificate.ts';
import { sha256Hex, toCanonicalJson } from './canonical-json.ts';
import { findResultCertificate, type StoredCertificate } from './find-result-certificate.ts';

/**
 * Certifies a campaign's public vote once it has closed: freezes its figures as a certificate
 * (canonical JSON and its SHA-256), records who and when, and so publishes them. Once only; from
 * then on no ballot of the campaign is voided, added or changed (triggers hold it for any
 * writer). The figures, the hash and the certifier are written with the audit row, together.
 */
export async function certifyResults(
  db: Db,
  input: { campaignSlug: string; actorId: number; role: StaffRole; now: Date },
): Promise<StoredCertificate> {
  if (input.role !== 'admin' && input.role !== 'monitor') {
    throw new DomainError('forbidden', 'forbidden');
  }
  const detail = await getCampaign(db, input.campaignSlug);
  const c = detail.campaign;
  if (votingStateOf(c, input.now) !== 'closed') {
    throw new DomainError('conflict', 'certify_before_close', {
      closesAt: c.voteClosesAt?.toISOString() ?? null,
    });
  }
  try {
    return await db.transaction(async (tx) => {
      const earlier = await findResultCertificate(tx, c.id);
      if (earlier) {
        throw new DomainError('conflict', 'results_already_certified', {
          certifiedAt: earlier.certifiedAt.toISOString(),
          sha256: earlier.sha256,
        });
      }
      // Every channel is in the certificate: paper batches still being entered twice, or with
      // differences nobody has settled, would be left out, so certifying waits for them.
      const paper = await countPaperChannels(tx, c.id);
      if (paper.unreconciled.length > 0) {
        throw new DomainError('conflict', 'paper_unreconciled', {
          batches: paper.unreconciled.map((b) => b.label),
        });
      }
      const document = await buildResultCertificate(tx, detail, {
        certifiedAt: input.now,
        role: input.role as 'admin' | 'monitor',
      });
      const text = toCanonicalJson(document);
      const sha256 = sha256Hex(text);
      await tx.insert(resultCertificate).values({
        campaignId: c.id,
        certifiedBy: input.actorId,
        certifiedAt: input.now,
        document: text,
        sha256,
      });
      await recordAuditEntry(tx, input, {
        action: 'results.certify',
        entityType: 'campaign',
        entityId: c.slug,
        after: {
          sha256,
          tracks: document.tracks.map((t) => ({
            track: t.slug,
            ballotsReceived: t.ballotsReceived,
            ballotsVoided: t.ballotsVoided,
            ballotsCounted: t.ballotsCounted,
          })),
        },
      });
      return { certifiedAt: input.now, certifiedBy: input.actorId, text, sha256, document };
    });
  } catch (e) {
    // Two staff members certifying at once: the second one's insert meets the first one's row.
    if (databaseErrorMentions(e, 'UNIQUE constraint failed: result_certificate')) {
      const earlier = await findResultCertificate(db, c.id);
      throw new DomainError('conflict', 'results_already_certified', {
        certifiedAt: earlier?.certifiedAt.toISOString() ?? null,
        sha256: earlier?.sha256 ?? null,
      });
    }
    throw e;
  }
}
