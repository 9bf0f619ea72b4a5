import { appendAudit } from '../../../audit/index.js';
import { AppError } from '../../../shared/errors.js';
import { listLines, lockTransaction, updateTransaction } from '../data/counter.repository.js';
import { transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, nowOf, staffActor } from './counter-deps.js';

/** Ends a visit with nothing issued (the resident left, wrong person). Issued certificates are never undone here. */
export async function cancelCounterTransaction(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  reason: string,
) {
  const at = nowOf(deps);
  return deps.issuance.db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, staff.municipalityCode, transactionId);
    if (!tx) throw transactionNotFound();
    if (tx.status === 'cancelled')
      return { transactionId, status: 'cancelled' as const, alreadyCancelled: true };
    const lines = await listLines(trx, staff.municipalityCode, transactionId);
    if (tx.status === 'paid' || lines.some((l) => l.status === 'issued'))
      throw new AppError('conflict', 'counter_transaction_has_issued', {
        ja: '発行済みの証明書がある受付は取り消せません。',
        en: 'A transaction with issued certificates cannot be cancelled.',
      });
    await updateTransaction(trx, staff.municipalityCode, transactionId, {
      status: 'cancelled',
      cancelled_at: at,
      cancel_reason: reason,
    });
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'counter.cancelled',
      subjectType: 'counter_transaction',
      subjectId: transactionId,
      reason,
    });
    return { transactionId, status: 'cancelled' as const, alreadyCancelled: false };
  });
}
