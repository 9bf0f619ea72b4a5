import { appendAudit } from '../../../audit/index.js';
import { issueCertificate } from '../../../issuance/use-cases/issue-certificate.js';
import { AppError } from '../../../shared/errors.js';
import type { ActingStaff, CounterDeps } from '../../counter/index.js';
import { findMailRequest, listMailItems } from '../data/mail.repository.js';
import { mailEngineInput, mailItemKey, mailNotFound } from './mail-common.js';

/** An issued item's certificate again (a spoiled print): the engine replays it; never a new issuance. */
export async function reprintMailCertificate(
  deps: CounterDeps,
  staff: ActingStaff,
  requestId: string,
  itemNo: number,
) {
  const db = deps.issuance.db;
  const request = await findMailRequest(db, staff.municipalityCode, requestId);
  if (!request) throw mailNotFound();
  const item = (await listMailItems(db, staff.municipalityCode, requestId)).find((i) => i.item_no === itemNo);
  if (!item?.issuance_id || !request.issued_by)
    throw new AppError('not_found', 'mail_certificate_not_found', {
      ja: 'この請求で発行された、その番号の証明書はありません。',
      en: 'No certificate was issued for this item of the request.',
    });
  const { input } = await mailEngineInput(
    db,
    request,
    item,
    request.issued_by,
    mailItemKey(requestId, itemNo),
  );
  const again = await issueCertificate(
    deps.issuance,
    { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
    input,
  );
  if (!again.replayed || again.issuanceId !== item.issuance_id)
    throw new Error(`reprint of mail item ${itemNo} did not replay its issuance`);
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      action: 'certificate.reprint',
      subjectType: 'issuance',
      subjectId: again.issuanceId,
      details: { mailRequestId: requestId, itemNo, issueNumber: again.printedIssueNumber },
    }),
  );
  return again;
}
