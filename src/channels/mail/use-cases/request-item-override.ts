import { AppError } from '../../../shared/errors.js';
import {
  type ActingStaff,
  type CertificateLine,
  type CounterDeps,
  requestOverride,
  reviewFacts,
} from '../../counter/index.js';
import { listMailItems, lockMailRequest } from '../data/mail.repository.js';
import { assertStep } from '../domain/mail-money.js';
import { mailNotFound, requesterOf } from './mail-common.js';

/** The mail clerk asks a reviewer (審査) to examine a 支援措置 item, as the counter does for a line. */
export async function requestMailItemOverride(
  deps: CounterDeps,
  staff: ActingStaff,
  requestId: string,
  itemNo: number,
  note: string,
) {
  const at = (deps.issuance.clock ?? (() => new Date()))();
  return deps.issuance.db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    assertStep('review', request.status);
    const item = (await listMailItems(trx, staff.municipalityCode, requestId)).find(
      (i) => i.item_no === itemNo,
    );
    if (!item)
      throw new AppError('not_found', 'mail_item_not_found', {
        ja: 'この請求に、その番号の証明書はありません。',
        en: 'This mail request has no such item.',
      });
    const line = item.line as unknown as CertificateLine;
    return requestOverride(
      trx,
      staff,
      at,
      { municipalityCode: staff.municipalityCode, channel: 'mail', originId: requestId, originLine: itemNo },
      {
        certificate: item.certificate,
        subjectResidentId: item.subject_resident_id,
        subjectKosekiId: item.subject_koseki_id,
        relation: line.relation,
        requester: reviewFacts(line, requesterOf(request)),
        reviewRequired: item.review_required,
      },
      note,
    );
  });
}
