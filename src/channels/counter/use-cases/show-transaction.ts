import { CERTIFICATES, type CertificateType } from '../../../domain/certificates.js';
import { findReceipt, findTransaction, listLines } from '../data/counter.repository.js';
import { listOverridesOf } from '../data/override.repository.js';
import type { CertificateLine } from '../domain/certificate-line.js';
import { changeFor, transactionNotFound } from '../domain/transaction.js';
import type { ActingStaff, CounterDeps } from './counter-deps.js';

/**
 * The visit as the console shows it: the lines with their fees, what the clerk
 * saw for each (委任状, stated reason, seal card) so a resumed visit can carry on,
 * and each line's review state; the total, the payment.
 */
export async function showCounterTransaction(deps: CounterDeps, staff: ActingStaff, transactionId: string) {
  const db = deps.issuance.db;
  const tx = await findTransaction(db, staff.municipalityCode, transactionId);
  if (!tx) throw transactionNotFound();
  const [lines, overrides, receipt] = await Promise.all([
    listLines(db, staff.municipalityCode, transactionId),
    listOverridesOf(db, staff.municipalityCode, 'counter', transactionId),
    findReceipt(db, staff.municipalityCode, transactionId),
  ]);
  const shown = lines.map((row) => {
    const line = row.line as unknown as CertificateLine;
    const review = overrides.filter((o) => o.origin_line === row.line_no).at(-1);
    return {
      lineNo: row.line_no,
      certificate: row.certificate,
      nameJa: CERTIFICATES[row.certificate as CertificateType].nameJa,
      subject: line.subject,
      relation: line.relation,
      powerOfAttorney: line.powerOfAttorney ?? null,
      lawfulReason: line.lawfulReason ?? null,
      sealCardPresented: line.sealCardPresented ?? false,
      options: line.options,
      copies: row.copies,
      quotedTotal: row.quoted_total,
      reviewRequired: row.review_required,
      review: review ? { overrideId: review.override_id, status: review.status } : null,
      status: row.status,
      issuanceId: row.issuance_id,
      fee: row.fee,
    };
  });
  // A line waits while it needs a review that is not (yet) approved; an approval lets it be paid.
  const awaitingReview = shown.some(
    (line) => line.status === 'quoted' && line.reviewRequired && line.review?.status !== 'approved',
  );
  const quotedTotal = lines.reduce((sum, l) => sum + (l.fee ?? l.quoted_total ?? 0), 0);
  return {
    transactionId,
    status: tx.status,
    requester: tx.requester,
    clerkId: tx.clerk_id,
    openedAt: new Date(tx.opened_at).toISOString(),
    lines: shown,
    total: quotedTotal,
    awaitingReview,
    payment: tx.payment_method
      ? {
          method: tx.payment_method,
          tendered: tx.tendered,
          change: receipt ? changeFor(tx.tendered, receipt.total) : null,
          paidAt: tx.paid_at ? new Date(tx.paid_at).toISOString() : null,
        }
      : null,
    receipt: receipt
      ? { receiptNumber: receipt.printed_number, total: receipt.total, paymentMethod: receipt.payment_method }
      : null,
  };
}
