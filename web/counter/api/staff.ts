/** Typed calls of the staff API (src/staff/http/staff.routes.ts, docs/staff.md). */
import { apiFetch } from '../../shared/api';
import type { Role } from '../domain';
import { staffFetch, storeCsrfToken } from './session';

export {
  EXCLUSIVE_ROLES,
  isRole,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
  roleConflict,
} from '../domain';

export interface SetupState {
  required: boolean;
  mustChangePassword: boolean;
  totpEnrolmentRequired: boolean;
}

/** GET /api/v1/staff/me */
export interface StaffMe {
  staffId: string;
  municipalityCode: string;
  loginName: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  terminalId: string;
  setup: SetupState;
  expiresAt: string;
  /** The server ends the session after this many seconds without a request. */
  sessionIdleSeconds: number;
}

export interface LoginInput {
  municipalityCode: string;
  loginName: string;
  password: string;
  totp?: string;
  terminalId: string;
}

export interface LoginResult {
  staff: {
    staffId: string;
    municipalityCode: string;
    loginName: string;
    displayName: string;
    roles: string[];
  };
  csrfToken: string;
  expiresAt: string;
  setup: SetupState;
}

/** Logs in and keeps the CSRF token for the calls that follow. */
export async function logIn(input: LoginInput): Promise<LoginResult> {
  // Not staffFetch: a refused login is not a lost session, and there is no CSRF token yet.
  const result = await apiFetch<LoginResult>('/api/v1/staff/login', { body: input });
  storeCsrfToken(result.csrfToken);
  return result;
}

export async function logOut(): Promise<void> {
  try {
    await staffFetch<void>('/api/v1/staff/logout', { method: 'POST' });
  } finally {
    storeCsrfToken(undefined);
  }
}

export function fetchMe(signal?: AbortSignal): Promise<StaffMe> {
  return staffFetch<StaffMe>('/api/v1/staff/me', { signal });
}

export function changeOwnPassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  return staffFetch<void>('/api/v1/staff/me/password', { body: input });
}

export function startTotpEnrolment(): Promise<{ otpauthUri: string; secret: string }> {
  return staffFetch('/api/v1/staff/me/totp', { method: 'POST' });
}

export function confirmTotpEnrolment(code: string): Promise<void> {
  return staffFetch<void>('/api/v1/staff/me/totp/confirm', { body: { code } });
}

/** GET /api/v1/staff/accounts: one row of the administrator's list. */
export interface StaffAccount {
  staffId: string;
  loginName: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'locked' | 'disabled';
  lockedUntil: string | null;
  failedAttempts: number;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

export async function listStaffAccounts(signal?: AbortSignal): Promise<StaffAccount[]> {
  const body = await staffFetch<{ accounts: StaffAccount[] }>('/api/v1/staff/accounts', { signal });
  return body.accounts;
}

export function createStaffAccount(input: {
  loginName: string;
  displayName: string;
  roles: Role[];
  reason?: string;
}): Promise<{ staffId: string; loginName: string; temporaryPassword: string }> {
  return staffFetch('/api/v1/staff/accounts', { body: input });
}

export const ACCOUNT_ACTIONS = ['unlock', 'password-reset', 'totp-reset', 'disable', 'enable'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

/** The administrator's actions on one account; a password reset answers the temporary password. */
export async function actOnAccount(
  staffId: string,
  action: AccountAction,
  reason: string,
): Promise<{ temporaryPassword?: string }> {
  const result = await staffFetch<{ temporaryPassword?: string } | undefined>(
    `/api/v1/staff/accounts/${encodeURIComponent(staffId)}/${action}`,
    { body: { reason } },
  );
  return result ?? {};
}

export function changeAccountRoles(staffId: string, roles: Role[], reason: string): Promise<void> {
  return staffFetch<void>(`/api/v1/staff/accounts/${encodeURIComponent(staffId)}/roles`, {
    method: 'PUT',
    body: { roles, reason },
  });
}
