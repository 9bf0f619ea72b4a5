import { appendAudit } from '../../../audit/index.js';
import { AppError } from '../../../shared/errors.js';
import type { ActingStaff, CounterDeps } from '../../counter/index.js';
import {
  findMailRequest,
  insertRemittance,
  listRemittances,
  lockMailRequest,
  updateMailRequest,
} from '../data/mail.repository.js';
import { returnedLetter } from '../documents/mail-letters.js';
import { assertStep, mailBalance } from '../domain/mail-money.js';
import { mailNotFound, municipalityForLetters, type ReturnAddress, recordMailEvent } from './mail-common.js';
import { makeMailLetter } from './make-mail-letter.js';

/**
 * Sends a request back unanswered (no 委任状, an item the law refuses, the
 * difference never came): every order kept goes back with the papers and a
 * letter giving the reason. Not once issuance has started.
 */
export async function returnMailRequest(
  deps: CounterDeps,
  staff: ActingStaff,
  requestId: string,
  reason: string,
) {
  const db = deps.issuance.db;
  const at = (deps.issuance.clock ?? (() => new Date()))();
  // Another town's (or an unknown) request is not found before anything else is loaded.
  if (!(await findMailRequest(db, staff.municipalityCode, requestId))) throw mailNotFound();
  const identity = await deps.issuance.identities.get(staff.municipalityCode);
  const municipality = await municipalityForLetters(db, staff.municipalityCode);
  return db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    if (request.status === 'returned')
      return { requestId, reference: request.reference, status: 'returned' as const, alreadyReturned: true };
    assertStep('return', request.status);
    if (request.issued_by !== null)
      throw new AppError('conflict', 'mail_issuance_started', {
        ja: '証明書の発行を始めた請求は返送できません。',
        en: 'Issuance of this request has started; it can no longer be returned.',
      });
    const before = mailBalance(await listRemittances(trx, staff.municipalityCode, requestId), 0, null, false);
    if (before.held > 0)
      await insertRemittance(trx, {
        municipality_code: staff.municipalityCode,
        request_id: requestId,
        kind: 'refund',
        amount: before.held,
        note: '返送に同封',
        recorded_at: at,
        recorded_by: staff.staffId,
      });
    const letter = await makeMailLetter(trx, staff, identity, at, request, 'mail_returned', (head) =>
      returnedLetter({
        municipality,
        ...head,
        reference: request.reference,
        receivedOn: request.received_on,
        returnAddress: request.return_address as unknown as ReturnAddress,
        reason,
        refunded: before.held,
      }),
    );
    await updateMailRequest(trx, staff.municipalityCode, requestId, {
      status: 'returned',
      returned_at: at,
      returned_by: staff.staffId,
      return_reason: reason,
    });
    await recordMailEvent(trx, staff, request, 'returned', 'returned', at, reason);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: 'mail.returned',
      subjectType: 'mail_request',
      subjectId: requestId,
      reason,
      details: { reference: request.reference, refunded: before.held, letterId: letter.letterId },
    });
    return {
      requestId,
      reference: request.reference,
      status: 'returned' as const,
      alreadyReturned: false,
      refunded: before.held,
      letter,
    };
  });
}
