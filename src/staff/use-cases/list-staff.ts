import { listStaff as listStaffRows, type StaffAccountRow } from '../data/staff.repository.js';
import { isLockedAt } from '../domain/login-limits.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';

export interface StaffSummary {
  staffId: string;
  loginName: string;
  displayName: string;
  roles: string[];
  /** As it stands now: a lock whose time has run out shows as active. */
  status: 'active' | 'locked' | 'disabled';
  lockedUntil: string | null;
  failedAttempts: number;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export function summarizeStaff(row: StaffAccountRow, now: Date): StaffSummary {
  const locked = isLockedAt(row, now);
  const status = row.status === 'disabled' ? 'disabled' : locked ? 'locked' : 'active';
  return {
    staffId: row.staff_id,
    loginName: row.login_name,
    displayName: row.display_name,
    roles: row.roles,
    status,
    lockedUntil: locked && row.locked_until ? new Date(row.locked_until).toISOString() : null,
    failedAttempts: status === 'active' && row.status === 'locked' ? 0 : row.failed_attempts,
    mustChangePassword: row.must_change_password,
    totpEnrolled: row.totp_secret_enc !== null,
    passwordChangedAt: new Date(row.password_changed_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The accounts of the operator's municipality, with their lock state, for the administrator. */
export async function listStaff(deps: StaffDeps, operator: Operator): Promise<StaffSummary[]> {
  assertOperatorMay(operator, 'staff.manage');
  const now = deps.now();
  return (await listStaffRows(deps.db, operator.municipalityCode)).map((row) => summarizeStaff(row, now));
}
