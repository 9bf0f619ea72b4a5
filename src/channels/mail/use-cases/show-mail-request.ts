import { appendAudit } from '../../../audit/index.js';
import type { MailRequestStatus } from '../../../db/schema.js';
import { CERTIFICATES, type CertificateType } from '../../../domain/certificates.js';
import {
  type ActingStaff,
  type CertificateLine,
  type CounterDeps,
  letterSummary,
  listLetters,
  listOverridesOf,
} from '../../counter/index.js';
import {
  findMailRequest,
  listMailEvents,
  listMailItems,
  listMailRequests,
  listRemittances,
} from '../data/mail.repository.js';
import { mailBalance } from '../domain/mail-money.js';
import { mailNotFound } from './mail-common.js';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

function seconds(from: Date | string | null, to: Date | string | null): number | null {
  if (!from || !to) return null;
  return Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000);
}

/**
 * One request with everything the mail desk needs: items and their review
 * state, the money in and out with the balance, the letters, and the work log
 * (each step, its clerk and time, and the time between steps).
 */
export async function showMailRequest(deps: CounterDeps, staff: ActingStaff, requestId: string) {
  const db = deps.issuance.db;
  return db.transaction().execute(async (trx) => {
    const request = await findMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    const [items, remittances, events, letters, reviews] = await Promise.all([
      listMailItems(trx, staff.municipalityCode, requestId),
      listRemittances(trx, staff.municipalityCode, requestId),
      listMailEvents(trx, staff.municipalityCode, requestId),
      listLetters(trx, staff.municipalityCode, {
        kinds: ['mail_shortfall', 'mail_returned'],
        mailRequestId: requestId,
        limit: 100,
      }),
      listOverridesOf(trx, staff.municipalityCode, 'mail', requestId),
    ]);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: 'mail.read',
      subjectType: 'mail_request',
      subjectId: requestId,
    });
    const issued = request.status === 'issued' || request.status === 'posted';
    const charged = items.reduce((sum, i) => sum + (i.fee ?? 0), 0);
    return {
      requestId,
      reference: request.reference,
      status: request.status,
      receivedOn: request.received_on,
      requester: request.requester,
      returnAddress: request.return_address,
      items: items.map((item) => {
        const line = item.line as unknown as CertificateLine;
        const review = reviews.filter((r) => r.origin_line === item.item_no).at(-1);
        return {
          itemNo: item.item_no,
          certificate: item.certificate,
          nameJa: CERTIFICATES[item.certificate as CertificateType].nameJa,
          subject: line.subject,
          relation: line.relation,
          // What the letter enclosed or stated for this item, as at the counter.
          powerOfAttorney: line.powerOfAttorney ?? null,
          lawfulReason: line.lawfulReason ?? null,
          options: line.options,
          copies: item.copies,
          quotedTotal: item.quoted_total,
          reviewRequired: item.review_required,
          review: review ? { overrideId: review.override_id, status: review.status } : null,
          issuanceId: item.issuance_id,
          fee: item.fee,
        };
      }),
      money: {
        remittances: remittances.map((r) => ({
          seq: r.seq,
          kind: r.kind,
          amount: r.amount,
          note: r.note,
          recordedAt: iso(r.recorded_at),
          recordedBy: r.recorded_by,
        })),
        balance: mailBalance(remittances, charged, request.fee_total, issued),
      },
      letters: letters.map(letterSummary),
      work: {
        received: { at: iso(request.received_at), by: request.received_by },
        checked: { at: iso(request.checked_at), by: request.checked_by },
        issued: { at: iso(request.issued_at), by: request.issued_by },
        posted: { at: iso(request.posted_at), by: request.posted_by, posting: request.posting },
        returned: { at: iso(request.returned_at), by: request.returned_by, reason: request.return_reason },
        seconds: {
          receivedToChecked: seconds(request.received_at, request.checked_at),
          checkedToIssued: seconds(request.checked_at, request.issued_at),
          issuedToPosted: seconds(request.issued_at, request.posted_at),
          total: seconds(request.received_at, request.posted_at ?? request.returned_at),
        },
        events: events.map((e) => ({
          seq: e.seq,
          action: e.action,
          status: e.status,
          at: iso(e.occurred_at),
          staffId: e.staff_id,
          note: e.note,
        })),
      },
    };
  });
}

/** The desk's worklist: references, states and times only. */
export async function listMailWork(
  deps: CounterDeps,
  staff: ActingStaff,
  filter: { status?: MailRequestStatus; limit: number },
) {
  const rows = await listMailRequests(deps.issuance.db, staff.municipalityCode, filter);
  return rows.map((r) => ({
    requestId: r.request_id,
    reference: r.reference,
    status: r.status,
    receivedOn: r.received_on,
    feeTotal: r.fee_total,
    receivedAt: iso(r.received_at),
    checkedAt: iso(r.checked_at),
    issuedAt: iso(r.issued_at),
    postedAt: iso(r.posted_at),
    returnedAt: iso(r.returned_at),
  }));
}
