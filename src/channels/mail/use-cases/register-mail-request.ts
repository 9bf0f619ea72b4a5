import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../audit/domain/audit-hash.js';
import { appendAudit } from '../../../audit/index.js';
import { fiscalYearOf } from '../../../domain/fiscal-year.js';
import { isIsoDate } from '../../../domain/japanese-era.js';
import { printedIssueNumber } from '../../../issuance/domain/build-document.js';
import { findResident } from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import {
  type ActingStaff,
  type CounterDeps,
  certificateLineSchema,
  takeDocumentNumber,
} from '../../counter/index.js';
import {
  findMailRequestByKey,
  insertMailItems,
  insertMailRequest,
  insertRemittance,
} from '../data/mail.repository.js';
import { recordMailEvent } from './mail-common.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const postalCode = z.string().regex(/^\d{7}$/, { message: '7 digits without a hyphen' });

export const mailAddressSchema = z.strictObject({
  postalCode: postalCode.optional(),
  address: text(200),
  addressLine2: text(100).optional(),
  name: text(100),
});

export const registerMailSchema = z.strictObject({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/),
  /** The day the letter arrived (the postmark is not what counts). */
  receivedOn: z.string().refine(isIsoDate, { message: 'not a date (YYYY-MM-DD)' }),
  requester: z.strictObject({
    name: text(100),
    postalCode: postalCode.optional(),
    address: text(200),
    phone: text(30).optional(),
    /** Their own resident record, when the clerk found them. */
    residentId: z.int().positive().optional(),
    /** The copy of the ID document enclosed (運転免許証の写し …). */
    identityDocument: text(60),
  }),
  /** Where the certificates go (the stamped return envelope). */
  returnAddress: mailAddressSchema,
  /** Face value of the 定額小為替 enclosed, in yen (0 when none). */
  enclosed: z.int().min(0).max(1_000_000),
  /** e.g. the orders' numbers, for the cash book. */
  enclosedNote: text(200).optional(),
  items: z.array(certificateLineSchema).min(1).max(10),
});

class RepeatedSubmit extends Error {}

/**
 * Registers a letter as it arrives: who wrote, where the certificates go, what
 * they ask for, and the postal money orders enclosed. Nothing is decided yet;
 * the check comes next. The console's key makes a double submit one request.
 */
export async function registerMailRequest(deps: CounterDeps, staff: ActingStaff, input: unknown) {
  const body = parseInput(registerMailSchema, input, 'body');
  const db = deps.issuance.db;
  if (body.requester.residentId !== undefined) {
    const person = await findResident(db, staff.municipalityCode, body.requester.residentId);
    if (!person)
      throw new AppError('not_found', 'requester_not_found', {
        ja: '請求者の住民記録が見つかりません。',
        en: 'The requester has no resident record here.',
      });
  }
  const at = (deps.issuance.clock ?? (() => new Date()))();
  const requestId = randomUUID();
  const registered = await db
    .transaction()
    .execute(async (trx) => {
      const fiscalYear = fiscalYearOf(body.receivedOn);
      const number = await takeDocumentNumber(trx, staff.municipalityCode, 'mail', fiscalYear);
      const reference = `郵送${printedIssueNumber(fiscalYear, number)}`;
      const inserted = await insertMailRequest(trx, {
        municipality_code: staff.municipalityCode,
        request_id: requestId,
        idempotency_key: body.idempotencyKey,
        reference,
        status: 'received',
        requester: JSON.stringify(body.requester),
        return_address: JSON.stringify(body.returnAddress),
        received_on: body.receivedOn,
        received_at: at,
        received_by: staff.staffId,
      });
      // A repeated submit: roll this attempt back, so its reference number is given back.
      if (!inserted) throw new RepeatedSubmit();
      await insertMailItems(
        trx,
        body.items.map((item, i) => ({
          municipality_code: staff.municipalityCode,
          request_id: requestId,
          item_no: i + 1,
          certificate: item.options.certificate,
          subject_resident_id: item.subject.residentId ?? null,
          subject_koseki_id: item.subject.kosekiId ?? null,
          line: JSON.stringify(item),
          copies: item.copies,
        })),
      );
      if (body.enclosed > 0)
        await insertRemittance(trx, {
          municipality_code: staff.municipalityCode,
          request_id: requestId,
          kind: 'enclosed',
          amount: body.enclosed,
          note: body.enclosedNote ?? null,
          recorded_at: at,
          recorded_by: staff.staffId,
        });
      const row = { municipality_code: staff.municipalityCode, request_id: requestId };
      await recordMailEvent(trx, staff, row, 'received', 'received', at);
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
        action: 'mail.received',
        subjectType: 'mail_request',
        subjectId: requestId,
        details: { reference, items: body.items.length, enclosed: body.enclosed },
      });
      return { reference };
    })
    .catch((error: unknown) => {
      if (error instanceof RepeatedSubmit) return undefined;
      throw error;
    });
  if (registered)
    return { requestId, reference: registered.reference, status: 'received' as const, replayed: false };
  const earlier = await findMailRequestByKey(db, staff.municipalityCode, body.idempotencyKey);
  if (!earlier) throw new Error('mail key conflict without a row');
  if (canonicalJson(earlier.requester) !== canonicalJson(body.requester))
    throw new AppError('conflict', 'idempotency_key_reused', {
      ja: 'この受付キーは別の内容の請求に使われています。',
      en: 'This key was used for a different mail request.',
    });
  return {
    requestId: earlier.request_id,
    reference: earlier.reference,
    status: earlier.status,
    replayed: true,
  };
}
