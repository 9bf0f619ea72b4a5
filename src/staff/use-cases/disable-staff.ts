import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { revokeSessionsOfStaff } from '../data/staff-session.repository.js';
import { staffError } from '../domain/staff-errors.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/** Disables an account (someone left, a suspicion): it cannot log in and its sessions end now. */
export async function disableStaff(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; reason: string },
): Promise<void> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    if (target.status === 'disabled') throw staffError('staff.account_disabled');
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      status: 'disabled',
      updated_at: now,
    });
    const ended = await revokeSessionsOfStaff(
      trx,
      operator.municipalityCode,
      target.staff_id,
      now,
      'disabled',
    );
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.disabled',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name, sessionsEnded: ended },
    });
  });
}
