import { z } from 'zod';
import { appendAudit } from '../../../audit/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import type { ActingStaff, CounterDeps } from '../../counter/index.js';
import {
  insertRemittance,
  listMailItems,
  listRemittances,
  lockMailRequest,
} from '../data/mail.repository.js';
import { assertStep, mailBalance } from '../domain/mail-money.js';
import { mailNotFound, recordMailEvent } from './mail-common.js';

export const remittanceSchema = z.strictObject({
  /** `additional`: orders that arrived after the shortfall letter; `refund`: orders sent back. */
  kind: z.enum(['additional', 'refund']),
  amount: z.int().min(1).max(1_000_000),
  note: z.string().trim().min(1).max(200).optional(),
});

/**
 * Records postal money orders arriving later (the difference) or going back
 * (the excess). A refund never exceeds what is kept beyond the fees.
 */
export async function recordMailRemittance(
  deps: CounterDeps,
  staff: ActingStaff,
  requestId: string,
  input: unknown,
) {
  const body = parseInput(remittanceSchema, input, 'body');
  const db = deps.issuance.db;
  const at = (deps.issuance.clock ?? (() => new Date()))();
  return db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    assertStep('remit', request.status);
    const items = await listMailItems(trx, staff.municipalityCode, requestId);
    const issued = request.status === 'issued';
    const charged = items.reduce((sum, i) => sum + (i.fee ?? 0), 0);
    const before = mailBalance(
      await listRemittances(trx, staff.municipalityCode, requestId),
      charged,
      request.fee_total,
      issued,
    );
    if (body.kind === 'refund' && body.amount > before.excess)
      throw new AppError(
        'unprocessable',
        'mail_refund_too_large',
        {
          ja: `お返しできるのは、手数料を超える${before.excess}円までです。`,
          en: `At most the ${before.excess} yen above the fees can be sent back.`,
        },
        { extra: { excess: before.excess } },
      );
    await insertRemittance(trx, {
      municipality_code: staff.municipalityCode,
      request_id: requestId,
      kind: body.kind,
      amount: body.amount,
      note: body.note ?? null,
      recorded_at: at,
      recorded_by: staff.staffId,
    });
    await recordMailEvent(
      trx,
      staff,
      request,
      body.kind === 'refund' ? 'refund' : 'additional_payment',
      request.status,
      at,
      `${body.amount}円`,
    );
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: body.kind === 'refund' ? 'mail.refund' : 'mail.additional_payment',
      subjectType: 'mail_request',
      subjectId: requestId,
      details: { reference: request.reference, amount: body.amount },
    });
    const balance = mailBalance(
      await listRemittances(trx, staff.municipalityCode, requestId),
      charged,
      request.fee_total,
      issued,
    );
    return { requestId, status: request.status, balance };
  });
}
