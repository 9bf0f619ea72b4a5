import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { staffError } from '../domain/staff-errors.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/** Enables a disabled account again, unlocked and with its failure count cleared. */
export async function enableStaff(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; reason: string },
): Promise<void> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    if (target.status !== 'disabled') throw staffError('staff.account_not_disabled');
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      status: 'active',
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.enabled',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name },
    });
  });
}
