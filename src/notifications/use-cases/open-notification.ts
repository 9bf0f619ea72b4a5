import { appendAudit } from '../../audit/index.js';
import { buildCounterView, type CounterView, sameSnapshot } from './counter-view.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import {
  inTransaction,
  loadNotification,
  matchOf,
  requireStatus,
  saveNotification,
} from './sealed-notification.js';

export interface OpenInput {
  reference: string;
  /** The clerk's choice when a mover matches several residents: position → resident id. */
  movers?: { index: number; residentId: number }[] | undefined;
}

/**
 * The clerk scans the QR code: the notification is shown beside the register
 * and what the counter saw is remembered (its "entered" time, the matched rows
 * and their versions). Opening again after the resident signed keeps the
 * signature only if the register still looks the same.
 */
export async function openNotification(
  deps: NotificationDeps,
  staff: StaffActor,
  input: OpenInput,
): Promise<CounterView> {
  const now = nowOf(deps);
  const chosen = new Map((input.movers ?? []).map((m) => [m.index, m.residentId]));
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
      });
      requireStatus(row, ['draft', 'submitted', 'opened', 'confirmed'], { ja: '開く', en: 'opened' });
      const { match } = await buildCounterView(trx, deps, row, now, chosen);
      const keepSignature = row.status === 'confirmed' && sameSnapshot(matchOf(row), match.snapshot);
      const saved = await saveNotification(
        trx,
        deps,
        row,
        {
          status: keepSignature ? 'confirmed' : 'opened',
          match: match.snapshot ?? null,
          ...(keepSignature ? {} : { signature: null, reviewed_at: null }),
          ...(row.received_at ? {} : { received_at: now }),
          ...(row.entered_at ? {} : { entered_at: now }),
          opened_by: staff.id,
        },
        now,
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.open',
        subjectType: 'notification',
        subjectId: row.reference,
        details: { kind: row.kind, residentIds: [...match.people.values()].map((p) => p.residentId) },
      });
      return (await buildCounterView(trx, deps, saved, now, chosen)).view;
    },
  );
}
