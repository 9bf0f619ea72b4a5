import { appendAudit } from '../../audit/index.js';
import { findStaff, recordFailedLogin, updateStaff } from '../data/staff.repository.js';
import { revokeSessionsOfStaff } from '../data/staff-session.repository.js';
import { hashPassword, passwordProblem, verifyPassword } from '../domain/password.js';
import { passwordPolicyError, staffError } from '../domain/staff-errors.js';
import { auditActorOf, type StaffPrincipal } from './resolve-staff-session.js';
import type { StaffDeps } from './staff-deps.js';

/**
 * A staff member changes their own password; the current one is asked again so
 * that an unattended, logged-in terminal cannot be used to take the account.
 * A wrong current password counts towards the lockout like a failed login.
 * Other sessions of the account end; this one stays.
 */
export async function changeOwnPassword(
  deps: StaffDeps,
  staff: StaffPrincipal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = deps.now();
  const account = await findStaff(deps.db, staff.municipalityCode, staff.staffId);
  if (!account) throw staffError('staff.session_required');
  const ok = await verifyPassword(input.currentPassword, {
    hash: account.password_hash,
    salt: account.password_salt,
    params: account.password_params,
  });
  if (!ok) {
    await deps.db.transaction().execute(async (trx) => {
      const counted = await recordFailedLogin(
        trx,
        staff.municipalityCode,
        staff.staffId,
        now,
        deps.limits.lockAfterFailures,
        new Date(now.getTime() + deps.limits.lockSeconds * 1000),
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: auditActorOf(staff),
        action: 'staff.password_change_failed',
        subjectType: 'staff',
        subjectId: staff.staffId,
        details: { factor: 'password', failedAttempts: counted.failedAttempts },
      });
    });
    throw staffError('staff.current_password_wrong');
  }
  const problem = passwordProblem(input.newPassword, {
    loginName: account.login_name,
    currentPassword: input.currentPassword,
  });
  if (problem) throw passwordPolicyError(problem);
  const hashed = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await updateStaff(trx, staff.municipalityCode, staff.staffId, {
      password_hash: hashed.hash,
      password_salt: hashed.salt,
      password_params: JSON.stringify(hashed.params),
      password_changed_at: now,
      must_change_password: false,
      failed_attempts: 0,
      updated_at: now,
    });
    const ended = await revokeSessionsOfStaff(
      trx,
      staff.municipalityCode,
      staff.staffId,
      now,
      'password_changed',
      staff.sessionSha256,
    );
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: auditActorOf(staff),
      action: 'staff.password_changed',
      subjectType: 'staff',
      subjectId: staff.staffId,
      details: { otherSessionsEnded: ended },
    });
  });
}
