import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ballot } from '../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { normaliseReceiptCode } from './receipt-code.ts';

export interface ReceiptStatus {
  receipt: string;
  status: 'counted' | 'invalidated';
  /** Category of the reason a ballot was voided; never the evidence itself. */
  reasonCategory: string | null;
  castAt: Date;
}

export async function getReceipt(db: Db, code: string): Promise<ReceiptStatus> {
  const receipt = normaliseReceiptCode(code);
  if (!receipt) throw new DomainError('invalid_request', 'receipt_malformed');
  const row = await db.query.ballot.findFirst({
    where: eq(ballot.receipt, receipt),
    columns: { receipt: true, status: true, invalidReason: true, castAt: true },
  });
  if (!row) throw new DomainError('not_found', 'receipt_not_found');
  return {
    receipt: row.receipt,
    status: row.status,
    reasonCategory: row.status === 'invalidated' ? (row.invalidReason ?? 'other') : null,
    castAt: row.castAt,
  };
}
