import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../domain/permissions.js';
import { csrfMatches } from '../domain/session-token.js';
import { staffError } from '../domain/staff-errors.js';
import { resolveStaffSession, type StaffPrincipal } from '../use-cases/resolve-staff-session.js';
import type { StaffDeps } from '../use-cases/staff-deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff guard on routes that require a staff session. */
    staff?: StaffPrincipal;
  }
}

/** `__Host-` binds the cookie to this host and path `/` over https; plain http (local demo) cannot use it. */
export const SESSION_COOKIE = 'madoguchi_staff';
export const SECURE_SESSION_COOKIE = '__Host-madoguchi_staff';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type StaffPreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface StaffGuard {
  /**
   * Any logged-in staff member, including a session still in setup (password
   * change, authenticator enrolment). Only for the login housekeeping routes.
   */
  authenticated(): StaffPreHandler;
  /** A fully signed-in staff member whose roles grant the permission. */
  requirePermission(permission: Permission): StaffPreHandler;
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  // Parsed here rather than by a cookie plugin, so any module's routes can use the guard.
  const cookies = fastifyCookie.parse(header);
  return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
}

/**
 * The one gate of every staff route: who is asking (session cookie), is it the
 * console asking (CSRF header on anything that changes state), and may they
 * (permission from ROLE_PERMISSIONS). Other modules' routes use it as a preHandler:
 * `{ preHandler: guard.requirePermission('resident.read') }`, then `staffOf(request)`.
 */
export function staffGuard(deps: StaffDeps): StaffGuard {
  async function authenticate(request: FastifyRequest): Promise<StaffPrincipal> {
    const staff = await resolveStaffSession(deps, sessionToken(request));
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !csrfMatches(given, staff.csrfSha256))
        throw staffError('staff.csrf_invalid');
    }
    request.staff = staff;
    return staff;
  }
  return {
    authenticated() {
      return async (request) => {
        await authenticate(request);
      };
    },
    requirePermission(permission) {
      return async (request) => {
        const staff = await authenticate(request);
        if (staff.setupRequired) throw staffError('staff.setup_required');
        if (!staff.permissions.has(permission))
          throw staffError('staff.permission_denied', { extra: { permission } });
      };
    },
  };
}

/** The staff member of a request that passed the guard. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw staffError('staff.session_required');
  return request.staff;
}
