import { appendAudit } from '../../../audit/index.js';
import { type IssuedCertificate, issueCertificate } from '../../../issuance/use-cases/issue-certificate.js';
import { AppError } from '../../../shared/errors.js';
import {
  type ActingStaff,
  type CounterDeps,
  markOverrideUsed,
  queueSelfNotices,
  quoteLine,
} from '../../counter/index.js';
import {
  listMailItems,
  listRemittances,
  lockMailRequest,
  type MailRequestRow,
  updateMailItem,
  updateMailRequest,
} from '../data/mail.repository.js';
import { assertStep, mailBalance } from '../domain/mail-money.js';
import { itemError } from './check-mail-request.js';
import { mailEngineInput, mailItemKey, mailNotFound, recordMailEvent } from './mail-common.js';

function reviewMissing(itemNo: number) {
  return new AppError(
    'unprocessable',
    'support_measure_review',
    {
      ja: `${itemNo}番目の請求は支援措置の対象です。審査を申請し、承認を受けてから発行してください。`,
      en: `Item ${itemNo} concerns a person under a support measure; ask for a review and wait for its approval.`,
    },
    { extra: { itemNo } },
  );
}

/**
 * Step 1: the fee is decided again on the day of issuance and must be covered
 * by the orders kept; the clerk who issues is fixed, so a retry is a replay.
 */
async function startIssuing(deps: CounterDeps, staff: ActingStaff, requestId: string, at: Date) {
  const db = deps.issuance.db;
  return db.transaction().execute(async (trx) => {
    const request = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!request) throw mailNotFound();
    if (request.status === 'issued' || request.status === 'posted') return request;
    assertStep('issue', request.status);
    const clerk = request.issued_by ?? staff.staffId;
    const items = await listMailItems(trx, staff.municipalityCode, requestId);
    let due = 0;
    for (const item of items) {
      if (item.issuance_id) {
        due += item.fee ?? 0;
        continue;
      }
      const { input, approved } = await mailEngineInput(
        trx,
        request,
        item,
        clerk,
        mailItemKey(requestId, item.item_no),
      ).catch((error: unknown) => {
        throw itemError(error, item.item_no);
      });
      if (item.review_required && !approved) throw reviewMissing(item.item_no);
      const quote = await quoteLine(deps.issuance, trx, input, at).catch((error: unknown) => {
        throw itemError(error, item.item_no);
      });
      due += quote.total;
    }
    const balance = mailBalance(await listRemittances(trx, staff.municipalityCode, requestId), 0, due, false);
    if (balance.shortfall > 0)
      throw new AppError(
        'conflict',
        'mail_payment_short',
        {
          ja: `手数料が${balance.shortfall}円不足しています。不足額の定額小為替が届いてから発行してください。`,
          en: `The fee is ${balance.shortfall} yen short; issue once the missing postal money orders arrive.`,
        },
        { extra: { shortfall: balance.shortfall, due } },
      );
    const changes = { fee_total: due, issued_by: clerk };
    await updateMailRequest(trx, staff.municipalityCode, requestId, changes);
    return { ...request, ...changes };
  });
}

/**
 * Issues every certificate of a checked request through the engine, paid by
 * 定額小為替 (`postal_order`), queues the 本人通知 letters the engine asks
 * for, and moves the request to `issued`. Repeating it answers the same
 * certificates (the engine replays each item's key); nothing is charged twice.
 */
export async function issueMailRequest(deps: CounterDeps, staff: ActingStaff, requestId: string) {
  const db = deps.issuance.db;
  const at = (deps.issuance.clock ?? (() => new Date()))();
  const request: MailRequestRow = await startIssuing(deps, staff, requestId, at);
  const clerk = request.issued_by ?? staff.staffId;
  const items = await listMailItems(db, staff.municipalityCode, requestId);
  const certificates: (IssuedCertificate & { itemNo: number })[] = [];
  const notices: { letterId: string; letterNumber: string }[] = [];
  for (const item of items) {
    const { input, overrideId } = await mailEngineInput(
      db,
      request,
      item,
      clerk,
      mailItemKey(requestId, item.item_no),
    );
    const issued = await issueCertificate(
      deps.issuance,
      { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
      input,
    ).catch((error: unknown) => {
      throw itemError(error, item.item_no);
    });
    await db.transaction().execute(async (trx) => {
      if (!item.issuance_id)
        await updateMailItem(
          trx,
          { municipalityCode: staff.municipalityCode, requestId, itemNo: item.item_no },
          { issuance_id: issued.issuanceId, fee: issued.totalFee, issued_at: issued.issuedAt },
        );
      if (overrideId) await markOverrideUsed(trx, staff.municipalityCode, overrideId, issued.issuanceId, at);
    });
    if (issued.notifySubject)
      notices.push(...(await queueSelfNotices(deps, staff, staff.municipalityCode, issued.issuanceId)));
    certificates.push({ ...issued, itemNo: item.item_no });
  }
  const charged = certificates.reduce((sum, c) => sum + c.totalFee, 0);
  const balance = await db.transaction().execute(async (trx) => {
    const locked = await lockMailRequest(trx, staff.municipalityCode, requestId);
    if (!locked) throw mailNotFound();
    const money = mailBalance(
      await listRemittances(trx, staff.municipalityCode, requestId),
      charged,
      locked.fee_total,
      true,
    );
    if (locked.status === 'checked') {
      await updateMailRequest(trx, staff.municipalityCode, requestId, {
        status: 'issued',
        issued_at: at,
        fee_total: charged,
      });
      await recordMailEvent(
        trx,
        staff,
        locked,
        'issued',
        'issued',
        at,
        money.excess > 0 ? `返還 ${money.excess}円` : undefined,
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: { type: 'staff', id: staff.staffId, terminalId: staff.terminalId },
        action: 'mail.issued',
        subjectType: 'mail_request',
        subjectId: requestId,
        details: {
          reference: locked.reference,
          charged,
          excess: money.excess,
          issuances: certificates.map((c) => c.issuanceId),
        },
      });
    }
    return money;
  });
  return {
    requestId,
    reference: request.reference,
    status: 'issued' as const,
    certificates,
    balance,
    notices,
  };
}
