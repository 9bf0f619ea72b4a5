import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { inTransaction, loadNotification } from './sealed-notification.js';

const notIssued = () =>
  new AppError('not_found', 'tenshutsu_certificate_not_issued', {
    ja: 'この届出には転出証明書がありません（転出届が受理されていません）。',
    en: 'No certificate of moving out exists for this notification (no accepted 転出).',
  });

/** The signed 転出証明書 PDF of an accepted 転出 (to print or hand over). */
export async function readTenshutsuCertificate(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string },
) {
  const now = nowOf(deps);
  return inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now);
      if (!row.certificate_pdf || !row.certificate_number) throw notIssued();
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.certificate_read',
        subjectType: 'notification',
        subjectId: row.reference,
      });
      return { pdf: row.certificate_pdf, number: row.certificate_number };
    },
  );
}

/**
 * The transfer record of an accepted 転出: what 引越しワンストップ sends to the
 * new town in place of the paper certificate. It holds 個人番号, so every read
 * is audited.
 */
export async function readTransferRecord(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string },
) {
  const now = nowOf(deps);
  return inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now);
      const record = (row.result as { transferRecord?: unknown } | null)?.transferRecord;
      if (!record) throw notIssued();
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.transfer_record_read',
        subjectType: 'notification',
        subjectId: row.reference,
      });
      return record;
    },
  );
}
