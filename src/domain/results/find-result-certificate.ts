import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { resultCertificate, staffUser } from '#src/db/schema/index.ts';
import type { ResultCertificate } from '#src/schemas/result-certificate.ts';

export interface StoredCertificate {
  certifiedAt: Date;
  certifiedBy: number;
  /** The canonical JSON exactly as hashed; serve these bytes, never a re-serialisation. */
  text: string;
  sha256: string;
  document: ResultCertificate;
}

/** A campaign's certificate, or null while its results are not certified. */
export async function findResultCertificate(
  db: Db | Tx,
  campaignId: number,
): Promise<StoredCertificate | null> {
  const row = await db.query.resultCertificate.findFirst({
    where: eq(resultCertificate.campaignId, campaignId),
  });
  if (!row) return null;
  return {
    certifiedAt: row.certifiedAt,
    certifiedBy: row.certifiedBy,
    text: row.document,
    sha256: row.sha256,
    document: JSON.parse(row.document) as ResultCertificate,
  };
}

/** The name staff know a certificate's certifier by; null for an account no longer there. */
export async function findCertifierName(
  db: Db | Tx,
  certificate: Pick<StoredCertificate, 'certifiedBy'>,
): Promise<string | null> {
  const user = await db.query.staffUser.findFirst({
    columns: { displayName: true },
    where: eq(staffUser.id, certificate.certifiedBy),
  });
  return user?.displayName ?? null;
}
