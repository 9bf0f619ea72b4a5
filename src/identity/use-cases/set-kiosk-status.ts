import { appendAudit } from '../../audit/index.js';
import type { KioskStatus } from '../../db/schema.js';
import { endKioskSessions } from '../data/card-auth.repository.js';
import { appendKioskEvent, lockKiosk, updateKioskStatus } from '../data/kiosk.repository.js';
import { refusal } from '../domain/identity-errors.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

/**
 * Takes a kiosk out of service (paper out, maintenance, a fault) or puts it
 * back. Out of service, it is refused at the door of the kiosk API and any
 * card session open on it ends. The reason is required going out, and kept in
 * the kiosk's history.
 */
export async function setKioskStatus(
  deps: IdentityDeps,
  actor: { id: string },
  input: { kioskId: string; status: KioskStatus; reason?: string | null },
): Promise<{ kioskId: string; status: KioskStatus; changed: boolean }> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  const reason = input.reason?.trim() || null;
  if ((input.status === 'out_of_service' && !reason) || (reason && reason.length > 200))
    throw refusal('kiosk.reason_required');
  const now = clock();
  return db.transaction().execute(async (trx) => {
    const kiosk = await lockKiosk(trx, input.kioskId);
    if (!kiosk) throw refusal('kiosk.not_found');
    const newReason = input.status === 'in_service' ? null : reason;
    const changed = kiosk.status !== input.status || kiosk.status_reason !== newReason;
    if (!changed) return { kioskId: kiosk.kiosk_id, status: kiosk.status, changed: false };
    await updateKioskStatus(trx, kiosk.kiosk_id, input.status, newReason, now);
    await appendKioskEvent(trx, {
      kioskId: kiosk.kiosk_id,
      at: now,
      actor: actor.id,
      action: 'status_changed',
      status: input.status,
      reason: reason,
    });
    if (input.status === 'out_of_service')
      await endKioskSessions(trx, kiosk.kiosk_id, now, 'kiosk_out_of_service');
    if (kiosk.operator_municipality_code)
      await appendAudit(trx, {
        municipalityCode: kiosk.operator_municipality_code,
        actor: { type: 'staff', id: actor.id },
        action: 'kiosk.status_changed',
        subjectType: 'kiosk',
        subjectId: kiosk.kiosk_id,
        reason,
        details: { from: kiosk.status, to: input.status },
      });
    return { kioskId: kiosk.kiosk_id, status: input.status, changed: true };
  });
}
