/**
 * The staff session as this screen family sees it. The session itself is an
 * HttpOnly cookie; what the page keeps is the CSRF token the login answered.
 * It is kept in sessionStorage under the staff console's own key, so a clerk
 * who logged in to /counter/ in this tab is logged in here too (and the other
 * way round); a new tab logs in on its own.
 */
import { apiFetch, isApiError } from '../shared/api';

const CSRF_STORAGE_KEY = 'madoguchi.counter.csrf';
/** The desk as the staff console stores it (web/counter/workstation.ts): read only, for defaults. */
const WORKSTATION_KEY = 'madoguchi.counter.workstation';

export interface StaffMe {
  staffId: string;
  municipalityCode: string;
  loginName: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  terminalId: string;
  setup: { required: boolean };
  expiresAt: string;
}

let memoryToken: string | undefined;

export function readCsrf(): string | undefined {
  if (memoryToken) return memoryToken;
  try {
    memoryToken = sessionStorage.getItem(CSRF_STORAGE_KEY) ?? undefined;
  } catch {
    // Storage disabled: the token lives in memory only.
  }
  return memoryToken;
}

export function storeCsrf(token: string | undefined): void {
  memoryToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // See readCsrf.
  }
}

/** Who is logged in, or undefined when there is no usable session (401). */
export async function fetchMe(signal?: AbortSignal): Promise<StaffMe | undefined> {
  try {
    return await apiFetch<StaffMe>('/api/v1/staff/me', { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return undefined;
    throw error;
  }
}

export interface LoginInput {
  municipalityCode: string;
  loginName: string;
  password: string;
  totp: string;
  terminalId: string;
}

export async function logIn(input: LoginInput): Promise<void> {
  const result = await apiFetch<{ csrfToken: string }>('/api/v1/staff/login', {
    method: 'POST',
    body: input,
  });
  storeCsrf(result.csrfToken);
}

export async function logOut(): Promise<void> {
  const csrf = readCsrf();
  try {
    await apiFetch<void>('/api/v1/staff/logout', {
      method: 'POST',
      headers: csrf ? { 'x-csrf-token': csrf } : {},
    });
  } finally {
    storeCsrf(undefined);
  }
}

/** The municipality and terminal the staff console set up for this desk, if it did. */
export function workstationDefaults(): { municipality?: string; terminalId?: string } {
  try {
    const raw = localStorage.getItem(WORKSTATION_KEY);
    if (!raw) return {};
    const value = JSON.parse(raw) as {
      municipality?: unknown;
      counterNumber?: unknown;
      terminalId?: unknown;
    };
    const out: { municipality?: string; terminalId?: string } = {};
    if (typeof value.municipality === 'string') out.municipality = value.municipality;
    if (typeof value.terminalId === 'string') out.terminalId = value.terminalId;
    else if (typeof value.counterNumber === 'number')
      out.terminalId = `counter-${String(value.counterNumber).padStart(2, '0')}`;
    return out;
  } catch {
    return {};
  }
}
