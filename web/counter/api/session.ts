/**
 * The console's side of a staff session. The session itself is an HttpOnly
 * cookie the page cannot read; what the page keeps is the CSRF token the
 * login answered, which every state-changing call must send. It lives in
 * sessionStorage: a reload of the same tab keeps working, a new tab or window
 * logs in on its own, and closing the tab forgets it.
 */
import { type ApiRequest, apiFetch, isApiError } from '../../shared/api';

/** src/staff/http/staff-guard.ts CSRF_HEADER. */
export const CSRF_HEADER = 'x-csrf-token';
const CSRF_STORAGE_KEY = 'madoguchi.counter.csrf';

/** Why the console went back to the login screen. */
export type SessionEnd = 'expired' | 'required' | 'loggedOut' | 'idle';

/** Codes the server answers when there is no usable session (src/staff/domain/staff-errors.ts). */
const SESSION_LOST: Record<string, SessionEnd> = {
  'staff.session_expired': 'expired',
  'staff.session_required': 'required',
};

let csrfToken: string | undefined;
let sessionLostHandler: ((why: SessionEnd) => void) | undefined;
let activityHandler: (() => void) | undefined;

export function readCsrfToken(): string | undefined {
  if (csrfToken) return csrfToken;
  try {
    csrfToken = sessionStorage.getItem(CSRF_STORAGE_KEY) ?? undefined;
  } catch {
    // Storage disabled: the token lives in memory only, a reload means a new login.
  }
  return csrfToken;
}

export function storeCsrfToken(token: string | undefined): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // See readCsrfToken.
  }
}

/** The app is told when a call finds the session gone, so it can show the login with the reason. */
export function onSessionLost(handler: ((why: SessionEnd) => void) | undefined): void {
  sessionLostHandler = handler;
}

/** Each answered call keeps the server's idle clock running; the app mirrors it. */
export function onServerActivity(handler: (() => void) | undefined): void {
  activityHandler = handler;
}

/** If an error means the session is gone, which way; undefined for every other error. */
export function sessionEndOf(error: unknown): SessionEnd | undefined {
  return isApiError(error) && error.status === 401 ? SESSION_LOST[error.code] : undefined;
}

/**
 * `apiFetch` for staff routes: the CSRF header on writes, and a lost session
 * reported to the app (which then shows the login) besides being thrown.
 */
export async function staffFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { ...request.headers };
  const token = readCsrfToken();
  if (method !== 'GET' && token) headers[CSRF_HEADER] = token;
  try {
    const result = await apiFetch<T>(path, { ...request, method, headers });
    activityHandler?.();
    return result;
  } catch (error) {
    const ended = sessionEndOf(error);
    if (ended) sessionLostHandler?.(ended);
    // Any answer from the server, even a refusal, counts as a request on the session.
    else if (isApiError(error) && error.status !== 0) activityHandler?.();
    throw error;
  }
}
