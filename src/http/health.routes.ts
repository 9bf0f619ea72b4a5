import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../server.js';

export const healthRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    await sql`select 1`.execute(deps.database.db);
    return reply.send({
      status: 'ok',
      database: deps.database.kind,
      databaseMs: Math.round((performance.now() - started) * 100) / 100,
    });
  });
};
