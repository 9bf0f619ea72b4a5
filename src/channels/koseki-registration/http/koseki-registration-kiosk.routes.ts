import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  authenticatedKiosk,
  registerKioskAuthentication,
  resolveCardSession,
} from '../../../identity/index.js';
import { listMunicipalities } from '../../../registry/data/records.repository.js';
import { parseInput } from '../../../shared/validation.js';
import { applyForKosekiRegistration } from '../use-cases/apply-for-registration.js';
import { listOwnKosekiRegistrations } from '../use-cases/list-own-registrations.js';
import type { CardHolder, KosekiRegistrationDeps } from '../use-cases/registration-deps.js';
import { applyBodySchema, kioskSessionBodySchema } from './koseki-registration.schemas.js';

export interface KosekiRegistrationKioskRoutesOptions {
  registration: KosekiRegistrationDeps;
}

/**
 * The applicant's side (prefix /api/v1/kiosk): every request is signed by a
 * registered kiosk and carries an open card session; who applies comes from
 * that session, never from the body.
 */
export const kosekiRegistrationKioskRoutes: FastifyPluginAsync<KosekiRegistrationKioskRoutesOptions> = async (
  app,
  options,
) => {
  const deps = options.registration;
  const identityDeps = { db: deps.db, ...(deps.clock ? { clock: deps.clock } : {}) };
  registerKioskAuthentication(app, identityDeps);

  async function holderOf(request: FastifyRequest, sessionToken: string): Promise<CardHolder> {
    const kiosk = authenticatedKiosk(request);
    const session = await resolveCardSession(identityDeps, { sessionToken, kioskId: kiosk.kioskId });
    return {
      municipalityCode: session.municipalityCode,
      residentId: session.residentId,
      cardSerial: session.cardSerial,
      kioskId: kiosk.kioskId,
    };
  }

  /** The municipalities one can apply to: every one served here but the holder's own. */
  app.post('/koseki-registrations/municipalities', async (request) => {
    const body = parseInput(kioskSessionBodySchema, request.body ?? {}, 'body');
    const holder = await holderOf(request, body.sessionToken);
    const all = await listMunicipalities(deps.db);
    return {
      municipalities: all
        .filter((m) => m.code !== holder.municipalityCode)
        .map((m) => ({ code: m.code, name: m.name, nameKana: m.name_kana, prefecture: m.prefecture })),
    };
  });

  app.post('/koseki-registrations', async (request, reply) => {
    const { sessionToken, ...typed } = parseInput(applyBodySchema, request.body ?? {}, 'body');
    const holder = await holderOf(request, sessionToken);
    const result = await applyForKosekiRegistration(deps, holder, typed);
    return reply.status(result.replayed ? 200 : 201).send(result);
  });

  app.post('/koseki-registrations/status', async (request) => {
    const body = parseInput(kioskSessionBodySchema, request.body ?? {}, 'body');
    return listOwnKosekiRegistrations(deps, await holderOf(request, body.sessionToken));
  });
};
