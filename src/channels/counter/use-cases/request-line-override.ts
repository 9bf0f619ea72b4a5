import { AppError } from '../../../shared/errors.js';
import { findLine, lockTransaction } from '../data/counter.repository.js';
import type { CertificateLine, RequesterOnFile } from '../domain/certificate-line.js';
import { transactionClosed, transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, nowOf } from './counter-deps.js';
import { requestOverride } from './support-overrides.js';

/** What a reviewer needs to judge a request: who asks, their ID, 委任状 and stated reason. */
export function reviewFacts(line: CertificateLine, requester: RequesterOnFile) {
  return {
    ...(requester.name ? { name: requester.name } : {}),
    identityDocument: requester.identityDocument,
    relation: line.relation,
    ...(line.powerOfAttorney !== undefined ? { powerOfAttorney: line.powerOfAttorney } : {}),
    ...(line.lawfulReason ? { lawfulReason: line.lawfulReason } : {}),
  };
}

/** The counter clerk asks a reviewer (審査) to examine a 支援措置 line. */
export async function requestCounterLineOverride(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  lineNo: number,
  note: string,
) {
  const at = nowOf(deps);
  return deps.issuance.db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, staff.municipalityCode, transactionId);
    if (!tx) throw transactionNotFound();
    if (tx.status !== 'open') throw transactionClosed(tx.status);
    const row = await findLine(trx, staff.municipalityCode, transactionId, lineNo);
    if (!row || row.status === 'removed')
      throw new AppError('not_found', 'counter_line_not_found', {
        ja: 'この受付に、その番号の証明書はありません。',
        en: 'This transaction has no such line.',
      });
    const line = row.line as unknown as CertificateLine;
    return requestOverride(
      trx,
      staff,
      at,
      {
        municipalityCode: staff.municipalityCode,
        channel: 'counter',
        originId: transactionId,
        originLine: lineNo,
      },
      {
        certificate: row.certificate,
        subjectResidentId: row.subject_resident_id,
        subjectKosekiId: row.subject_koseki_id,
        relation: line.relation,
        requester: reviewFacts(line, tx.requester as unknown as RequesterOnFile),
        reviewRequired: row.review_required,
      },
      note,
    );
  });
}
