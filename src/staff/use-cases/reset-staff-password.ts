import { appendAudit } from '../../audit/index.js';
import { updateStaff } from '../data/staff.repository.js';
import { revokeSessionsOfStaff } from '../data/staff-session.repository.js';
import { hashPassword } from '../domain/password.js';
import { newTemporaryPassword } from './create-staff.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';
import { lockTargetStaff, staffSubject } from './staff-target.js';

/**
 * An administrator resets a forgotten password: a temporary one, to be changed
 * at the next login. The account is unlocked too (that is usually why they
 * called) and its open sessions end. The authenticator stays: the temporary
 * password alone does not open a session with any permission.
 */
export async function resetStaffPassword(
  deps: StaffDeps,
  operator: Operator,
  input: { staffId: string; reason: string },
): Promise<{ temporaryPassword: string }> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const target = await lockTargetStaff(trx, operator, input.staffId);
    const password = newTemporaryPassword(target.login_name);
    const hashed = await hashPassword(password);
    await updateStaff(trx, operator.municipalityCode, target.staff_id, {
      password_hash: hashed.hash,
      password_salt: hashed.salt,
      password_params: JSON.stringify(hashed.params),
      password_changed_at: now,
      must_change_password: true,
      failed_attempts: 0,
      locked_until: null,
      ...(target.status === 'locked' ? { status: 'active' as const } : {}),
      updated_at: now,
    });
    const ended = await revokeSessionsOfStaff(
      trx,
      operator.municipalityCode,
      target.staff_id,
      now,
      'password_reset',
    );
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.password_reset',
      ...staffSubject(target),
      reason: input.reason,
      details: { loginName: target.login_name, sessionsEnded: ended },
    });
    return { temporaryPassword: password };
  });
}
