import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../server.js';
import { listMunicipalities } from '../data/records.repository.js';

/**
 * Public, non-personal registry data. Reads of people's records are served
 * only through the staff and channel routes, which authenticate and audit.
 */
export const registryRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/municipalities', async () => {
    const rows = await listMunicipalities(deps.database.db);
    return { municipalities: rows };
  });
};
