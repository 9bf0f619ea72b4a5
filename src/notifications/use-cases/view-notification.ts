import { appendAudit } from '../../audit/index.js';
import { buildCounterView, type CounterView } from './counter-view.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { inTransaction, loadNotification } from './sealed-notification.js';

/** The clerk's screen again (after a reload), without changing anything but the audit trail. */
export async function viewNotification(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string },
): Promise<CounterView> {
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
        allowExpired: false,
      });
      const { view, match } = await buildCounterView(trx, deps, row, now);
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.read',
        subjectType: 'notification',
        subjectId: row.reference,
        details: { residentIds: [...match.people.values()].map((p) => p.residentId) },
      });
      return view;
    },
  );
}
