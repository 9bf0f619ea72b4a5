import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { roleCombinationProblem } from '../domain/permissions.js';
import { staffError } from '../domain/staff-errors.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/** Changes an account's roles; they apply from the member's next request. Never one's own. */
export async function changeStaffRoles(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; roles: string[]; reason: string },
): Promise<void> {
  assertOperatorMay(operator, 'staff.manage');
  const problem = roleCombinationProblem(input.roles);
  if (problem) throw staffError('staff.role_combination', { extra: { problem } });
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      roles: input.roles,
      updated_at: now,
    });
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.roles_changed',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name, from: target.roles, to: input.roles },
    });
  });
}
