import type { FastifyPluginAsync } from 'fastify';
import { parseInput } from '../../shared/validation.js';
import { issuanceStatistics } from '../use-cases/issuance-statistics.js';
import { operatorOf } from '../use-cases/resolve-staff-session.js';
import type { StaffDeps } from '../use-cases/staff-deps.js';
import { type StaffGuard, staffOf } from './staff-guard.js';
import { statsQuery } from './stats.schemas.js';

/** The 統計 role's figures: aggregates of the own municipality only, small cells withheld. */
export const statsRoutes: FastifyPluginAsync<{ staff: StaffDeps; guard: StaffGuard }> = async (
  app,
  options,
) => {
  const { staff: deps, guard } = options;
  app.get('/stats/issuances', { preHandler: guard.requirePermission('stats.read') }, async (request) => {
    const query = parseInput(statsQuery, request.query, 'query');
    return issuanceStatistics(deps, operatorOf(staffOf(request)), query);
  });
};
