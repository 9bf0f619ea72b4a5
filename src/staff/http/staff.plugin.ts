import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync } from 'fastify';
import type { StaffDeps } from '../use-cases/staff-deps.js';
import { auditRoutes } from './audit.routes.js';
import { staffRoutes } from './staff.routes.js';
import { type StaffGuard, staffGuard } from './staff-guard.js';
import { statsRoutes } from './stats.routes.js';

export interface StaffPluginOptions {
  staff: StaffDeps;
  /** Pass the guard other modules use, so there is one; made here when absent. */
  guard?: StaffGuard;
  /** `auto` (default): Secure cookie when the request arrived over https (set trustProxy behind a proxy). */
  secureCookie?: boolean | 'auto';
}

/**
 * The staff module's HTTP surface: /staff/*, /audit* and /stats/*. Register under
 * `/api/v1`. Answers of these routes are never cached: they carry sessions,
 * CSRF tokens, temporary passwords and audit rows.
 */
export const staffPlugin: FastifyPluginAsync<StaffPluginOptions> = async (app, options) => {
  if (!app.hasReplyDecorator('setCookie')) await app.register(fastifyCookie);
  const guard = options.guard ?? staffGuard(options.staff);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  await app.register(staffRoutes, {
    staff: options.staff,
    guard,
    secureCookie: options.secureCookie ?? 'auto',
  });
  await app.register(auditRoutes, { staff: options.staff, guard });
  await app.register(statsRoutes, { staff: options.staff, guard });
};
