import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { findMunicipality } from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import {
  type ActingStaff,
  approvedOverrideFor,
  type CertificateLine,
  engineRequestOf,
  type RequesterOnFile,
} from '../../counter/index.js';
import type { MailItemRow, MailRequestRow } from '../data/mail.repository.js';
import { appendMailEvent } from '../data/mail.repository.js';

export function mailNotFound(): AppError {
  return new AppError('not_found', 'mail_request_not_found', {
    ja: '該当する郵送請求がありません。',
    en: 'There is no such mail request.',
  });
}

/** The engine's idempotency key of an item: a retry of "issue" never issues or charges twice. */
export function mailItemKey(requestId: string, itemNo: number): string {
  return `mail:${requestId}:${itemNo}`;
}

/** The requester of a mail request as the engine sees them: the ID document is a copy, checked by the clerk. */
export function requesterOf(request: MailRequestRow): RequesterOnFile {
  const r = request.requester as { name: string; residentId?: number; identityDocument: string };
  return {
    name: r.name,
    ...(r.residentId !== undefined ? { residentId: r.residentId } : {}),
    identityDocument: r.identityDocument,
  };
}

/**
 * The engine request of an item, the same every time for the same facts
 * (a retry is a replay). Fees by mail are paid with 定額小為替: `postal_order`.
 */
export async function mailEngineInput(
  db: Kysely<DB>,
  request: MailRequestRow,
  item: MailItemRow,
  clerkId: string,
  key: string,
) {
  const override = item.review_required
    ? await approvedOverrideFor(db, {
        municipalityCode: request.municipality_code,
        channel: 'mail',
        originId: request.request_id,
        originLine: item.item_no,
      })
    : undefined;
  const input = engineRequestOf(item.line as unknown as CertificateLine, requesterOf(request), {
    municipalityCode: request.municipality_code,
    channel: 'mail',
    idempotencyKey: key,
    clerkId,
    payment: 'postal_order',
    ...(override ? { override: { reviewerId: override.reviewerId, reason: override.reason } } : {}),
  });
  return { input, overrideId: override?.overrideId, approved: override !== undefined };
}

export async function recordMailEvent(
  trx: Kysely<DB>,
  staff: ActingStaff,
  request: { municipality_code: string; request_id: string },
  action: string,
  status: string,
  at: Date,
  note?: string,
) {
  await appendMailEvent(trx, {
    municipality_code: request.municipality_code,
    request_id: request.request_id,
    action,
    status,
    occurred_at: at,
    staff_id: staff.staffId,
    note: note ?? null,
  });
}

export async function municipalityForLetters(db: Kysely<DB>, code: string) {
  const m = await findMunicipality(db, code);
  if (!m) throw new Error(`municipality ${code} vanished`);
  return { code: m.code, name: m.name, officeAddress: m.office_address, phone: m.phone };
}

export interface ReturnAddress {
  postalCode?: string;
  address: string;
  addressLine2?: string;
  name: string;
}
