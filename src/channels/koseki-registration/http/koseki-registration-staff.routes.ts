import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseInput } from '../../../shared/validation.js';
import { auditActorOf, type Permission, type StaffGuard, staffOf } from '../../../staff/index.js';
import { approveKosekiRegistration } from '../use-cases/approve-registration.js';
import { listKosekiRegistrations } from '../use-cases/list-registrations.js';
import type { KosekiRegistrationDeps } from '../use-cases/registration-deps.js';
import { rejectKosekiRegistration } from '../use-cases/reject-registration.js';
import { reviewKosekiRegistration } from '../use-cases/review-registration.js';
import {
  approveBodySchema,
  listQuerySchema,
  registrationParamsSchema,
  rejectBodySchema,
} from './koseki-registration.schemas.js';

export interface KosekiRegistrationStaffRoutesOptions {
  registration: KosekiRegistrationDeps;
  guard: StaffGuard;
  /** 審査 by default (docs/staff.md). */
  permission?: Permission;
}

/**
 * The reviewers' side (prefix /api/v1), behind the staff guard: the queue, one
 * application with its candidate registers, approve, reject. The municipality
 * is always the reviewer's own: another town's applications are "not found".
 */
export const kosekiRegistrationStaffRoutes: FastifyPluginAsync<KosekiRegistrationStaffRoutesOptions> = async (
  app,
  options,
) => {
  const deps = options.registration;
  const preHandler = options.guard.requirePermission(options.permission ?? 'registration.review');
  const idOf = (request: FastifyRequest) =>
    parseInput(registrationParamsSchema, request.params, 'params').registrationId;

  app.get('/koseki-registrations', { preHandler }, async (request) => {
    const query = parseInput(listQuerySchema, request.query ?? {}, 'query');
    const staff = staffOf(request);
    return listKosekiRegistrations(deps, auditActorOf(staff), {
      municipalityCode: staff.municipalityCode,
      status: query.status,
      limit: query.limit,
    });
  });

  app.get('/koseki-registrations/:registrationId', { preHandler }, async (request) => {
    const staff = staffOf(request);
    return reviewKosekiRegistration(deps, auditActorOf(staff), {
      municipalityCode: staff.municipalityCode,
      registrationId: idOf(request),
    });
  });

  app.post('/koseki-registrations/:registrationId/approve', { preHandler }, async (request) => {
    const registrationId = idOf(request);
    const body = parseInput(approveBodySchema, request.body ?? {}, 'body');
    const staff = staffOf(request);
    return approveKosekiRegistration(deps, auditActorOf(staff), {
      municipalityCode: staff.municipalityCode,
      registrationId,
      ...body,
    });
  });

  app.post('/koseki-registrations/:registrationId/reject', { preHandler }, async (request) => {
    const registrationId = idOf(request);
    const body = parseInput(rejectBodySchema, request.body ?? {}, 'body');
    const staff = staffOf(request);
    return rejectKosekiRegistration(deps, auditActorOf(staff), {
      municipalityCode: staff.municipalityCode,
      registrationId,
      reason: body.reason,
      note: body.note,
    });
  });
};
