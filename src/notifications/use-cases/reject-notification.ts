import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { counterFactsOf, summaryOf } from './notification-view.js';
import {
  contentOf,
  inTransaction,
  loadNotification,
  requireStatus,
  saveNotification,
} from './sealed-notification.js';

/** 不受理: the notification is closed with a reason; the register is not touched. */
export async function rejectNotification(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string; reason: string },
) {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 400)
    throw new AppError('invalid', 'rejection_reason_required', {
      ja: '不受理の理由を400文字以内で入力してください。',
      en: 'Give the reason for refusing, in at most 400 characters.',
    });
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
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now, {
        forUpdate: true,
        allowExpired: true,
      });
      requireStatus(row, ['draft', 'submitted', 'opened', 'confirmed'], { ja: '不受理に', en: 'refused' });
      const saved = await saveNotification(
        trx,
        deps,
        row,
        { status: 'rejected', rejection_reason: reason, finished_at: now, finished_by: staff.id },
        now,
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.reject',
        subjectType: 'notification',
        subjectId: row.reference,
        reason,
      });
      return { ...summaryOf(saved, contentOf(saved), []), ...counterFactsOf(saved) };
    },
  );
}
