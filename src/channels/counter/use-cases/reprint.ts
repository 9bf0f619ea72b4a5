import { appendAudit } from '../../../audit/index.js';
import { issueCertificate } from '../../../issuance/use-cases/issue-certificate.js';
import { AppError } from '../../../shared/errors.js';
import { findLine, findReceipt, findTransaction } from '../data/counter.repository.js';
import { transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, staffActor } from './counter-deps.js';
import { engineInputOf } from './pay-transaction.js';

/**
 * The same certificate again (a paper jam at the counter printer): the engine
 * replays the line's request and renders the recorded bytes; no new number,
 * no new fee. Only lines already issued qualify, so this can never issue.
 */
export async function reprintCounterCertificate(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  lineNo: number,
) {
  const db = deps.issuance.db;
  const tx = await findTransaction(db, staff.municipalityCode, transactionId);
  if (!tx) throw transactionNotFound();
  const row = await findLine(db, staff.municipalityCode, transactionId, lineNo);
  if (!row || row.status !== 'issued' || !tx.payment_method)
    throw new AppError('not_found', 'counter_certificate_not_found', {
      ja: 'この受付で発行された、その番号の証明書はありません。',
      en: 'No certificate was issued on this line of the transaction.',
    });
  const { input } = await engineInputOf(db, tx, row, tx.payment_method, 'issue');
  const again = await issueCertificate(deps.issuance, staffActor(staff), input);
  if (!again.replayed || again.issuanceId !== row.issuance_id)
    throw new Error(`reprint of line ${lineNo} did not replay its issuance`);
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'certificate.reprint',
      subjectType: 'issuance',
      subjectId: again.issuanceId,
      details: { transactionId, lineNo, issueNumber: again.printedIssueNumber },
    }),
  );
  return again;
}

/** The stored receipt of a paid visit, byte for byte. */
export async function readCounterReceipt(deps: CounterDeps, staff: ActingStaff, transactionId: string) {
  const receipt = await findReceipt(deps.issuance.db, staff.municipalityCode, transactionId);
  if (!receipt)
    throw new AppError('not_found', 'counter_receipt_not_found', {
      ja: 'この受付の領収書はまだありません。',
      en: 'This transaction has no receipt yet.',
    });
  return { receiptNumber: receipt.printed_number, pdf: receipt.pdf, sha256: receipt.content_sha256 };
}
