import type { FastifyPluginAsync } from 'fastify';
import { parseInput } from '../../shared/validation.js';
import { operatorOf } from '../use-cases/resolve-staff-session.js';
import { searchAuditLog } from '../use-cases/search-audit-log.js';
import type { StaffDeps } from '../use-cases/staff-deps.js';
import { verifyOwnAuditChain } from '../use-cases/verify-own-audit-chain.js';
import { auditSearchQuery } from './audit.schemas.js';
import { type StaffGuard, staffOf } from './staff-guard.js';

/** The auditor's window on the trail of their own municipality: read-only, and itself audited. */
export const auditRoutes: FastifyPluginAsync<{ staff: StaffDeps; guard: StaffGuard }> = async (
  app,
  options,
) => {
  const { staff: deps, guard } = options;
  const read = { preHandler: guard.requirePermission('audit.read') };

  app.get('/audit', read, async (request) => {
    const query = parseInput(auditSearchQuery, request.query, 'query');
    return searchAuditLog(deps, operatorOf(staffOf(request)), query);
  });

  app.get('/audit/verify', read, async (request) => verifyOwnAuditChain(deps, operatorOf(staffOf(request))));
};
