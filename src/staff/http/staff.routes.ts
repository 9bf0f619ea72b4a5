import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { PERMISSIONS } from '../domain/permissions.js';
import { changeOwnPassword } from '../use-cases/change-own-password.js';
import { changeStaffRoles } from '../use-cases/change-staff-roles.js';
import { confirmTotpEnrolment } from '../use-cases/confirm-totp-enrolment.js';
import { createStaff } from '../use-cases/create-staff.js';
import { disableStaff } from '../use-cases/disable-staff.js';
import { enableStaff } from '../use-cases/enable-staff.js';
import { listStaff } from '../use-cases/list-staff.js';
import { logIn } from '../use-cases/log-in.js';
import { logOut } from '../use-cases/log-out.js';
import { resetStaffPassword } from '../use-cases/reset-staff-password.js';
import { resetStaffTotp } from '../use-cases/reset-staff-totp.js';
import { operatorOf, type StaffPrincipal } from '../use-cases/resolve-staff-session.js';
import type { StaffDeps } from '../use-cases/staff-deps.js';
import { startTotpEnrolment } from '../use-cases/start-totp-enrolment.js';
import { unlockStaff } from '../use-cases/unlock-staff.js';
import {
  changePasswordSchema,
  changeRolesSchema,
  confirmTotpSchema,
  createStaffSchema,
  loginSchema,
  reasonSchema,
  staffIdParams,
} from './staff.schemas.js';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, type StaffGuard, staffOf } from './staff-guard.js';

export interface StaffRoutesOptions {
  staff: StaffDeps;
  guard: StaffGuard;
  /** `auto`: Secure (and the `__Host-` name) when the request came over https. */
  secureCookie: boolean | 'auto';
}

function isSecure(request: FastifyRequest, option: boolean | 'auto') {
  return option === 'auto' ? request.protocol === 'https' : option;
}

function describeStaff(staff: StaffPrincipal, limits: StaffDeps['limits']) {
  return {
    staffId: staff.staffId,
    municipalityCode: staff.municipalityCode,
    loginName: staff.loginName,
    displayName: staff.displayName,
    roles: staff.roles,
    // What the console may offer; the server checks each call again regardless.
    permissions: staff.setupRequired ? [] : PERMISSIONS.filter((p) => staff.permissions.has(p)),
    terminalId: staff.terminalId,
    setup: {
      required: staff.setupRequired,
      mustChangePassword: staff.mustChangePassword,
      totpEnrolmentRequired: !staff.totpEnrolled,
    },
    expiresAt: staff.expiresAt.toISOString(),
    // The session ends after this many seconds without a request (each request, this one
    // included, starts the count again), so the console can warn before it clears the desk.
    sessionIdleSeconds: limits.sessionIdleSeconds,
  };
}

/**
 * Staff login, own account housekeeping, and the administrator's management
 * of the municipality's staff accounts.
 */
export const staffRoutes: FastifyPluginAsync<StaffRoutesOptions> = async (app, options) => {
  const { staff: deps, guard } = options;
  const manage = { preHandler: guard.requirePermission('staff.manage') };

  app.post('/staff/login', async (request, reply) => {
    const input = parseInput(loginSchema, request.body);
    try {
      const session = await logIn(deps, { ...input, ip: request.ip });
      const secure = isSecure(request, options.secureCookie);
      reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure,
        sameSite: 'strict',
        path: '/',
        maxAge: deps.limits.sessionMaxSeconds,
      });
      return {
        staff: {
          staffId: session.staffId,
          municipalityCode: session.municipalityCode,
          loginName: session.loginName,
          displayName: session.displayName,
          roles: session.roles,
        },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        sessionIdleSeconds: deps.limits.sessionIdleSeconds,
        setup: {
          required: session.setup.mustChangePassword || session.setup.totpEnrolmentRequired,
          ...session.setup,
        },
      };
    } catch (error) {
      if (isAppError(error) && typeof error.extra.retryAfterSeconds === 'number')
        reply.header('retry-after', String(error.extra.retryAfterSeconds));
      throw error;
    }
  });

  app.post('/staff/logout', { preHandler: guard.authenticated() }, async (request, reply) => {
    await logOut(deps, staffOf(request));
    clearSessionCookie(reply, request, options.secureCookie);
    return reply.status(204).send();
  });

  app.get('/staff/me', { preHandler: guard.authenticated() }, async (request) =>
    describeStaff(staffOf(request), deps.limits),
  );

  app.post('/staff/me/password', { preHandler: guard.authenticated() }, async (request, reply) => {
    const input = parseInput(changePasswordSchema, request.body);
    await changeOwnPassword(deps, staffOf(request), input);
    return reply.status(204).send();
  });

  app.post('/staff/me/totp', { preHandler: guard.authenticated() }, async (request) =>
    startTotpEnrolment(deps, staffOf(request)),
  );

  app.post('/staff/me/totp/confirm', { preHandler: guard.authenticated() }, async (request, reply) => {
    const input = parseInput(confirmTotpSchema, request.body);
    await confirmTotpEnrolment(deps, staffOf(request), input);
    return reply.status(204).send();
  });

  app.get('/staff/accounts', manage, async (request) => ({
    accounts: await listStaff(deps, operatorOf(staffOf(request))),
  }));

  app.post('/staff/accounts', manage, async (request, reply) => {
    const input = parseInput(createStaffSchema, request.body);
    const created = await createStaff(deps, operatorOf(staffOf(request)), input);
    return reply.status(201).send(created);
  });

  const adminAction = (
    path: string,
    action: (
      operator: ReturnType<typeof operatorOf>,
      input: { staffId: string; reason: string },
    ) => Promise<unknown>,
  ) =>
    app.post(`/staff/accounts/:staffId/${path}`, manage, async (request, reply) => {
      const { staffId } = parseInput(staffIdParams, request.params, 'staffId');
      const { reason } = parseInput(reasonSchema, request.body ?? {});
      const result = await action(operatorOf(staffOf(request)), { staffId, reason });
      return result === undefined ? reply.status(204).send() : result;
    });
  adminAction('disable', (operator, input) => disableStaff(deps, operator, input));
  adminAction('enable', (operator, input) => enableStaff(deps, operator, input));
  adminAction('unlock', (operator, input) => unlockStaff(deps, operator, input));
  adminAction('password-reset', (operator, input) => resetStaffPassword(deps, operator, input));
  adminAction('totp-reset', (operator, input) => resetStaffTotp(deps, operator, input));

  app.put('/staff/accounts/:staffId/roles', manage, async (request, reply) => {
    const { staffId } = parseInput(staffIdParams, request.params, 'staffId');
    const input = parseInput(changeRolesSchema, request.body);
    await changeStaffRoles(deps, operatorOf(staffOf(request)), { staffId, ...input });
    return reply.status(204).send();
  });
};

function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, option: boolean | 'auto') {
  const secure = isSecure(request, option);
  reply.clearCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: '/',
  });
}
