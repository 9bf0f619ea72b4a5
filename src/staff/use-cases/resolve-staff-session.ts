import type { AuditActor } from '../../audit/index.js';
import { findStaffSession, revokeStaffSession, touchStaffSession } from '../data/staff-session.repository.js';
import { type Permission, permissionsOf } from '../domain/permissions.js';
import { parseStaffSessionToken } from '../domain/session-token.js';
import { staffError } from '../domain/staff-errors.js';
import type { Operator, StaffDeps } from './staff-deps.js';

/** The staff member behind a request, as every staff route sees them. */
export interface StaffPrincipal {
  staffId: string;
  municipalityCode: string;
  loginName: string;
  displayName: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
  terminalId: string;
  /** True until the password is changed (when required) and the authenticator is enrolled and proven. */
  setupRequired: boolean;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  sessionSha256: string;
  csrfSha256: string;
  expiresAt: Date;
}

// last_seen is written at most this often: a page load's burst of requests costs one write.
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds the session of a token and checks it is still alive: not ended, not
 * idle longer than allowed, not past its absolute end, its account not disabled.
 * Roles are read from the account each time, so a change applies at once.
 */
export async function resolveStaffSession(
  deps: StaffDeps,
  token: string | undefined,
): Promise<StaffPrincipal> {
  const parsed = parseStaffSessionToken(token);
  if (!parsed) throw staffError('staff.session_required');
  const row = await findStaffSession(deps.db, parsed.municipalityCode, parsed.sha256);
  if (!row || row.revoked_at !== null) throw staffError('staff.session_required');
  const now = deps.now();
  const idleEnd = new Date(row.last_seen_at).getTime() + deps.limits.sessionIdleSeconds * 1000;
  const expired =
    new Date(row.expires_at) <= now ? 'absolute' : idleEnd <= now.getTime() ? 'idle' : undefined;
  if (expired) {
    await revokeStaffSession(deps.db, row.municipality_code, row.token_sha256, now, `expired_${expired}`);
    throw staffError('staff.session_expired');
  }
  if (row.status === 'disabled') {
    await revokeStaffSession(deps.db, row.municipality_code, row.token_sha256, now, 'account_disabled');
    throw staffError('staff.session_required');
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS)
    await touchStaffSession(deps.db, row.municipality_code, row.token_sha256, now);
  const totpEnrolled = row.totp_secret_enc !== null;
  return {
    staffId: row.staff_id,
    municipalityCode: row.municipality_code,
    loginName: row.login_name,
    displayName: row.display_name,
    roles: row.roles,
    permissions: permissionsOf(row.roles),
    terminalId: row.terminal_id,
    setupRequired: !row.second_factor || !totpEnrolled || row.must_change_password,
    mustChangePassword: row.must_change_password,
    totpEnrolled,
    sessionSha256: row.token_sha256,
    csrfSha256: row.csrf_sha256,
    expiresAt: new Date(row.expires_at),
  };
}

export function auditActorOf(staff: StaffPrincipal): AuditActor {
  return { type: 'staff', id: staff.staffId, terminalId: staff.terminalId };
}

/** A session still in setup grants no permission at all. */
export function operatorOf(staff: StaffPrincipal): Operator {
  return {
    municipalityCode: staff.municipalityCode,
    actor: auditActorOf(staff),
    staffId: staff.staffId,
    roles: staff.setupRequired ? [] : staff.roles,
  };
}
