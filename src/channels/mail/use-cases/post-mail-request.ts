import { z } from 'zod';
import { appendAudit } from '../../../audit/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import type { ActingStaff, CounterDeps } from '../../counter/index.js';
import {
  listMailItems,
  listRemittances,
  lockMailRequest,
  updateMailRequest,
} from '../data/mail.repository.js';
import { assertStep, mailBalance } from '../domain/mail-money.js';
import { mailNotFound, recordMailEvent } from './mail-common.js';

export const postingSchema = z.strictObject({
  /** 普通郵便, 速達, 簡易書留 (the requester's envelope decides). */
  method: z.enum(['regular', 'express', 'registered']),
  trackingNumber: z
    .string()
    .regex(/^[0-9A-Za-z-]{6,30}$/)
    .optional(),
});

/**
 * Records the envelope going out: certificates, any excess orders and the
 * letters. Only when the orders kept equal the fees charged — an excess not
 * yet recorded as sent back would leave the cash book wrong.
 */
export async function postMailRequest(
  deps: CounterDeps,
  staff: ActingStaff,
  requestId: string,
  input: unknown,
) {
  const body = parseInput(postingSchema, input, 'body');
  const db = deps.issuance.db;
  const at = (deps.issuance.clock ?? (() => new Date()))();
  return db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    if (request.status === 'posted')
      return { requestId, reference: request.reference, status: 'posted' as const, alreadyPosted: true };
    assertStep('post', request.status);
    const items = await listMailItems(trx, staff.municipalityCode, requestId);
    const charged = items.reduce((sum, i) => sum + (i.fee ?? 0), 0);
    const balance = mailBalance(
      await listRemittances(trx, staff.municipalityCode, requestId),
      charged,
      request.fee_total,
      true,
    );
    if (balance.excess > 0)
      throw new AppError(
        'conflict',
        'mail_refund_pending',
        {
          ja: `手数料を超える定額小為替${balance.excess}円の返還が記録されていません。同封して返還を記録してから発送してください。`,
          en: `${balance.excess} yen of postal money orders above the fees has not been recorded as sent back.`,
        },
        { extra: { excess: balance.excess } },
      );
    await updateMailRequest(trx, staff.municipalityCode, requestId, {
      status: 'posted',
      posted_at: at,
      posted_by: staff.staffId,
      posting: JSON.stringify(body),
    });
    await recordMailEvent(trx, staff, request, 'posted', 'posted', at, body.method);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: 'mail.posted',
      subjectType: 'mail_request',
      subjectId: requestId,
      details: { reference: request.reference, method: body.method, charged },
    });
    return {
      requestId,
      reference: request.reference,
      status: 'posted' as const,
      alreadyPosted: false,
      balance,
    };
  });
}
