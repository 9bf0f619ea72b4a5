import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes, serviceHoursProvider } from './admin/index.js';
import { counterRoutes } from './channels/counter/index.js';
import { kioskIssuanceRoutes } from './channels/kiosk/http/kiosk-issuance.routes.js';
import { type KioskAgent, kioskAgentRoutes } from './channels/kiosk-agent/index.js';
import {
  kosekiRegistrationKioskRoutes,
  kosekiRegistrationStaffRoutes,
} from './channels/koseki-registration/index.js';
import { mailRoutes } from './channels/mail/index.js';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors.js';
import { healthRoutes } from './http/health.routes.js';
import { loggerOptions } from './http/logging.js';
import { staticRoutes } from './http/static.routes.js';
import { kioskAuthRoutes } from './identity/index.js';
import { issuanceRoutes } from './issuance/http/issuance.routes.js';
import { verifyRoutes } from './issuance/http/verify.routes.js';
import { notificationDraftRoutes, notificationStaffRoutes } from './notifications/index.js';
import { registryRoutes } from './registry/http/registry.routes.js';
import { createServices, type Services } from './services.js';
import { staffPlugin } from './staff/index.js';

export interface AppDeps {
  database: Database;
  config: Config;
  services?: Services;
  /** The kiosk terminal served at /kiosk-agent (the demo's simulated terminal); without one the screen says so. */
  kioskAgent?: KioskAgent | undefined;
}

/** Assembles the Fastify app from the modules' route plugins. */
export async function buildServer(deps: AppDeps): Promise<FastifyInstance> {
  const services = deps.services ?? createServices(deps.database, deps.config);
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Malformed URLs and over-long parameters never reach a route: answer them as problems too.
    frameworkErrors: frameworkErrorHandler,
    routerOptions: { maxParamLength: 200 },
  });
  registerErrorHandling(app);
  await app.register(healthRoutes, { deps });
  await app.register(staticRoutes);
  await app.register(registryRoutes, { deps, prefix: '/api/v1' });
  await app.register(verifyRoutes, { deps });
  await app.register(staffPlugin, {
    prefix: '/api/v1',
    staff: services.staff,
    guard: services.guard,
    secureCookie: deps.config.publicUrl.startsWith('https://') || 'auto',
  });
  await app.register(notificationDraftRoutes, { prefix: '/api/v1', notifications: services.notifications });
  await app.register(notificationStaffRoutes, {
    prefix: '/api/v1',
    notifications: services.notifications,
    guard: services.guard,
  });
  const clock = services.issuance.clock;
  // Opening hours as each municipality's administrators saved them, kept in memory for the engine.
  const hours = await serviceHoursProvider(deps.database.db);
  const issuance = { ...services.issuance, serviceHours: services.issuance.serviceHours ?? hours.get };
  await app.register(counterRoutes, { prefix: '/api/v1', issuance, guard: services.guard });
  await app.register(mailRoutes, { prefix: '/api/v1', issuance, guard: services.guard });
  await app.register(adminRoutes, {
    prefix: '/api/v1',
    db: deps.database.db,
    guard: services.guard,
    ...(clock ? { clock } : {}),
    onServiceHoursChanged: (code: string) => hours.refresh(code),
  });
  await app.register(kioskAuthRoutes, { deps, prefix: '/api/v1/kiosk', ...(clock ? { clock } : {}) });
  await app.register(kioskIssuanceRoutes, { prefix: '/api/v1/kiosk', issuance });
  await app.register(kioskAgentRoutes, { prefix: '/kiosk-agent', agent: deps.kioskAgent });
  const registration = { db: deps.database.db, ...(clock ? { clock } : {}) };
  await app.register(kosekiRegistrationKioskRoutes, { prefix: '/api/v1/kiosk', registration });
  await app.register(kosekiRegistrationStaffRoutes, {
    prefix: '/api/v1',
    registration,
    guard: services.guard,
  });
  await app.register(issuanceRoutes, {
    prefix: '/internal/v1',
    issuance,
    token: services.internalApiToken,
  });
  return app;
}
