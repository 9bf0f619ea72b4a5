import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { staffError } from '../domain/staff-errors.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/** Lifts a lockout before its time: the member phoned the administrator, who checked it is them. */
export async function unlockStaff(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; reason: string },
): Promise<{ wasLocked: boolean }> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    if (target.status === 'disabled') throw staffError('staff.account_disabled');
    const wasLocked = target.status === 'locked' && target.locked_until !== null && target.locked_until > now;
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      status: 'active',
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.unlocked',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name, wasLocked, failedAttempts: target.failed_attempts },
    });
    return { wasLocked };
  });
}
