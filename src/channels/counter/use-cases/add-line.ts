import { appendAudit } from '../../../audit/index.js';
import { CERTIFICATES } from '../../../domain/certificates.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { insertLine, lockTransaction, nextLineNo } from '../data/counter.repository.js';
import {
  certificateLineSchema,
  engineRequestOf,
  NAMED_RELATIONS,
  type RequesterOnFile,
} from '../domain/certificate-line.js';
import { quoteKey, transactionClosed, transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, nowOf, staffActor } from './counter-deps.js';
import { SUPPORT_MEASURE_WARNING } from './find-person.js';
import { quoteLine } from './quote-line.js';

export function requesterNameRequired(): AppError {
  return new AppError('unprocessable', 'requester_name_required', {
    ja: '代理人・第三者からの請求では、請求者の氏名を記録してください。',
    en: 'Record the requester’s name when an agent or a third party asks.',
  });
}

/**
 * Adds one certificate to the visit and answers its fee, decided by the
 * engine with every rule of the counter. A refused line is not added (the
 * answer says why); a line about a 支援措置 person is added with a warning
 * and waits for a reviewer's approval before it can be paid.
 */
export async function addCounterLine(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  input: unknown,
) {
  const line = parseInput(certificateLineSchema, input, 'body');
  const db = deps.issuance.db;
  const at = nowOf(deps);
  return db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, staff.municipalityCode, transactionId);
    if (!tx) throw transactionNotFound();
    if (tx.status !== 'open') throw transactionClosed(tx.status);
    const requester = tx.requester as unknown as RequesterOnFile;
    if (NAMED_RELATIONS.includes(line.relation) && !requester.name) throw requesterNameRequired();
    const lineNo = await nextLineNo(trx, staff.municipalityCode, transactionId);
    const quote = await quoteLine(
      deps.issuance,
      trx,
      engineRequestOf(line, requester, {
        municipalityCode: staff.municipalityCode,
        channel: 'counter',
        idempotencyKey: quoteKey(transactionId, lineNo),
        clerkId: staff.staffId,
        terminalId: tx.terminal_id,
      }),
      at,
    );
    await insertLine(trx, {
      municipality_code: staff.municipalityCode,
      transaction_id: transactionId,
      line_no: lineNo,
      certificate: line.options.certificate,
      subject_resident_id: line.subject.residentId ?? null,
      subject_koseki_id: line.subject.kosekiId ?? null,
      line: JSON.stringify(line),
      copies: line.copies,
      quoted_total: quote.total,
      review_required: quote.status === 'review_required',
      status: 'quoted',
    });
    // Deciding reads the person's record: the trail says who looked, for which certificate.
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staffActor(staff),
      action: 'counter.line_added',
      subjectType: line.subject.kosekiId !== undefined ? 'koseki' : 'resident',
      subjectId: String(line.subject.kosekiId ?? line.subject.residentId),
      details: {
        transactionId,
        lineNo,
        certificate: line.options.certificate,
        relation: line.relation,
        reviewRequired: quote.status === 'review_required',
      },
    });
    const info = CERTIFICATES[line.options.certificate];
    return {
      lineNo,
      certificate: line.options.certificate,
      nameJa: info.nameJa,
      copies: line.copies,
      ...(quote.status === 'ok'
        ? {
            reviewRequired: false,
            unitFee: quote.unitFee,
            total: quote.total,
            standardUnitFee: quote.standardUnitFee,
            ...(quote.campaignId ? { campaignId: quote.campaignId } : {}),
            exempt: quote.exempt,
            basis: quote.basis,
            notifySubject: quote.notifySubject,
          }
        : {
            reviewRequired: true,
            warning: SUPPORT_MEASURE_WARNING,
            refusal: { ja: quote.ja, en: quote.en },
          }),
    };
  });
}
