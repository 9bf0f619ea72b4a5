import { appendAudit } from '../../../audit/index.js';
import { AppError } from '../../../shared/errors.js';
import { findLine, lockTransaction, updateLine } from '../data/counter.repository.js';
import { transactionClosed, transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, staffActor } from './counter-deps.js';

/**
 * Takes a certificate off the visit before it is issued: the resident changed
 * their mind, or a line could not be issued while paying. Issued lines stay.
 */
export async function removeCounterLine(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  lineNo: number,
) {
  return deps.issuance.db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, staff.municipalityCode, transactionId);
    if (!tx) throw transactionNotFound();
    if (tx.status !== 'open' && tx.status !== 'paying') throw transactionClosed(tx.status);
    const line = await findLine(trx, staff.municipalityCode, transactionId, lineNo);
    if (!line || line.status === 'removed')
      throw new AppError('not_found', 'counter_line_not_found', {
        ja: 'この受付に、その番号の証明書はありません。',
        en: 'This transaction has no such line.',
      });
    if (line.status === 'issued')
      throw new AppError('conflict', 'counter_line_issued', {
        ja: '発行済みの証明書は取り消せません。',
        en: 'An issued certificate cannot be removed.',
      });
    await updateLine(
      trx,
      { municipalityCode: staff.municipalityCode, transactionId, lineNo },
      { status: 'removed' },
    );
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'counter.line_removed',
      subjectType: 'counter_transaction',
      subjectId: transactionId,
      details: { lineNo, certificate: line.certificate },
    });
    return { transactionId, lineNo, status: 'removed' as const };
  });
}
