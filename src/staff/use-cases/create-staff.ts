import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/index.js';
import { insertStaff } from '../data/staff.repository.js';
import { hashPassword, passwordProblem, temporaryPassword } from '../domain/password.js';
import { roleCombinationProblem } from '../domain/permissions.js';
import { staffError } from '../domain/staff-errors.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';

export interface CreateStaffInput {
  loginName: string;
  displayName: string;
  roles: string[];
  reason?: string | undefined;
}

/** A fresh temporary password that passes the policy for this login name. */
export function newTemporaryPassword(loginName: string): string {
  for (;;) {
    const candidate = temporaryPassword();
    if (!passwordProblem(candidate, { loginName })) return candidate;
  }
}

/**
 * Creates a staff account in the operator's municipality with a temporary
 * password handed over in person. At the first login the member must choose
 * their own password and enrol an authenticator before anything else works.
 */
export async function createStaff(
  deps: StaffDeps,
  operator: Operator,
  input: CreateStaffInput,
): Promise<{ staffId: string; loginName: string; temporaryPassword: string }> {
  assertOperatorMay(operator, 'staff.manage');
  const problem = roleCombinationProblem(input.roles);
  if (problem) throw staffError('staff.role_combination', { extra: { problem } });
  const password = newTemporaryPassword(input.loginName);
  const hashed = await hashPassword(password);
  const staffId = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertStaff(trx, {
      municipality_code: operator.municipalityCode,
      staff_id: staffId,
      login_name: input.loginName,
      display_name: input.displayName,
      password_hash: hashed.hash,
      password_salt: hashed.salt,
      password_params: hashed.params,
      totp_secret_enc: null,
      roles: input.roles,
      must_change_password: true,
      now: deps.now(),
    });
    if (!inserted) throw staffError('staff.login_name_taken');
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'staff.created',
      subjectType: 'staff',
      subjectId: staffId,
      reason: input.reason ?? null,
      details: { loginName: input.loginName, roles: input.roles },
    });
  });
  return { staffId, loginName: input.loginName, temporaryPassword: password };
}
