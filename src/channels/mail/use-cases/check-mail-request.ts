import { appendAudit } from '../../../audit/index.js';
import type { CertificateType } from '../../../domain/certificates.js';
import { AppError } from '../../../shared/errors.js';
import {
  type ActingStaff,
  type CertificateLine,
  type CounterDeps,
  engineRequestOf,
  listLetters,
  quoteLine,
} from '../../counter/index.js';
import {
  findMailRequest,
  listMailItems,
  listRemittances,
  lockMailRequest,
  updateMailItem,
  updateMailRequest,
} from '../data/mail.repository.js';
import { shortfallLetter } from '../documents/mail-letters.js';
import { assertStep, mailBalance } from '../domain/mail-money.js';
import {
  mailNotFound,
  municipalityForLetters,
  type ReturnAddress,
  recordMailEvent,
  requesterOf,
} from './mail-common.js';
import { makeMailLetter } from './make-mail-letter.js';

/** Prefixes an item's refusal with its number, so the clerk knows which line of the letter to answer. */
export function itemError(error: unknown, itemNo: number): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(
    error.kind,
    error.code,
    { ja: `${itemNo}番目の請求: ${error.ja}`, en: `Item ${itemNo}: ${error.en}` },
    { details: error.details, extra: { ...error.extra, itemNo }, cause: error },
  );
}

/**
 * The clerk checks the letter: the engine decides every item (who may ask, the
 * options by mail, the fee) and the fee is compared with the orders enclosed.
 * A shortfall queues a letter asking for the difference and the request waits;
 * an excess is shown, to be sent back with the certificates. A refused item
 * leaves the request `received` (answer the requester, or return the request).
 */
export async function checkMailRequest(deps: CounterDeps, staff: ActingStaff, requestId: string) {
  const db = deps.issuance.db;
  const at = (deps.issuance.clock ?? (() => new Date()))();
  // Another town's (or an unknown) request is not found before anything else is loaded.
  if (!(await findMailRequest(db, staff.municipalityCode, requestId))) throw mailNotFound();
  const identity = await deps.issuance.identities.get(staff.municipalityCode);
  const municipality = await municipalityForLetters(db, staff.municipalityCode);
  return db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    assertStep('check', request.status);
    const items = await listMailItems(trx, staff.municipalityCode, requestId);
    const quoted: {
      itemNo: number;
      certificate: CertificateType;
      copies: number;
      total: number;
      reviewRequired: boolean;
    }[] = [];
    let due = 0;
    for (const item of items) {
      const quote = await quoteLine(
        deps.issuance,
        trx,
        engineRequestOf(item.line as unknown as CertificateLine, requesterOf(request), {
          municipalityCode: staff.municipalityCode,
          channel: 'mail',
          idempotencyKey: `quote:mail:${requestId}:${item.item_no}`,
          clerkId: staff.staffId,
          payment: 'postal_order',
        }),
        at,
      ).catch((error: unknown) => {
        throw itemError(error, item.item_no);
      });
      // A 支援措置 item is priced as if allowed: the requester pays it only if the reviewer allows it.
      const total = quote.total;
      await updateMailItem(
        trx,
        { municipalityCode: staff.municipalityCode, requestId, itemNo: item.item_no },
        { quoted_total: total, review_required: quote.status === 'review_required' },
      );
      due += total;
      quoted.push({
        itemNo: item.item_no,
        certificate: item.certificate as CertificateType,
        copies: item.copies,
        total,
        reviewRequired: quote.status === 'review_required',
      });
    }
    const balance = mailBalance(await listRemittances(trx, staff.municipalityCode, requestId), 0, due, false);
    await updateMailRequest(trx, staff.municipalityCode, requestId, {
      status: 'checked',
      fee_total: due,
      checked_at: at,
      checked_by: staff.staffId,
    });
    await recordMailEvent(
      trx,
      staff,
      request,
      'checked',
      'checked',
      at,
      balance.shortfall > 0
        ? `不足 ${balance.shortfall}円`
        : balance.excess > 0
          ? `超過 ${balance.excess}円`
          : undefined,
    );
    let letter: { letterId: string; letterNumber: string } | undefined;
    const earlier = await listLetters(trx, staff.municipalityCode, {
      kinds: ['mail_shortfall'],
      mailRequestId: requestId,
      limit: 100,
    });
    if (balance.shortfall > 0 && earlier.length === 0) {
      letter = await makeMailLetter(trx, staff, identity, at, request, 'mail_shortfall', (head) =>
        shortfallLetter({
          municipality,
          ...head,
          reference: request.reference,
          receivedOn: request.received_on,
          returnAddress: request.return_address as unknown as ReturnAddress,
          items: quoted,
          due,
          held: balance.held,
          shortfall: balance.shortfall,
        }),
      );
      await recordMailEvent(trx, staff, request, 'shortfall_letter', 'checked', at, letter.letterNumber);
    }
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: 'mail.checked',
      subjectType: 'mail_request',
      subjectId: requestId,
      details: {
        reference: request.reference,
        due,
        held: balance.held,
        shortfall: balance.shortfall,
        excess: balance.excess,
        reviewRequired: quoted.filter((q) => q.reviewRequired).map((q) => q.itemNo),
      },
    });
    return {
      requestId,
      reference: request.reference,
      status: 'checked' as const,
      items: quoted,
      balance,
      ...(letter ? { shortfallLetter: letter } : {}),
    };
  });
}
