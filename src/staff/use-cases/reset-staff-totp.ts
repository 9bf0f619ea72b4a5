import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { revokeSessionsOfStaff } from '../data/staff-session.repository.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/**
 * An administrator removes a lost authenticator. The member enrols a new one at
 * the next login; until then their sessions carry no permission.
 */
export async function resetStaffTotp(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; reason: string },
): Promise<void> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      totp_secret_enc: null,
      totp_pending_enc: null,
      totp_last_step: null,
      updated_at: now,
    });
    const ended = await revokeSessionsOfStaff(
      trx,
      operator.municipalityCode,
      target.staff_id,
      now,
      'totp_reset',
    );
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.totp_reset',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name, sessionsEnded: ended },
    });
  });
}
