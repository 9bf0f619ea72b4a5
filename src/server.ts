import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import { registerErrorHandling } from './http/errors.js';
import { loggerOptions } from './http/logging.js';
import { healthRoutes } from './http/health.routes.js';
import { verifyRoutes } from './issuance/http/verify.routes.js';
import { registryRoutes } from './registry/http/registry.routes.js';

export interface AppDeps {
  database: Database;
  config: Config;
}

/** Assembles the Fastify app from the modules' route plugins. */
export async function buildServer(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    bodyLimit: 1024 * 1024,
    disableRequestLogging: false,
    genReqId: () => crypto.randomUUID(),
  });
  registerErrorHandling(app);
  await app.register(healthRoutes, { deps });
  await app.register(registryRoutes, { deps, prefix: '/api/v1' });
  await app.register(verifyRoutes, { deps });
  return app;
}
