import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../server.js';
import { parseInput } from '../../shared/validation.js';
import type { IdentityLimits } from '../domain/limits.js';
import { completeCardAuthentication } from '../use-cases/complete-card-authentication.js';
import { endCardSession } from '../use-cases/end-card-session.js';
import type { IdentityDeps } from '../use-cases/identity-deps.js';
import { reportCardLocked } from '../use-cases/report-card-locked.js';
import { startCardAuthentication } from '../use-cases/start-card-authentication.js';
import {
  cardLockedBodySchema,
  challengeBodySchema,
  completeBodySchema,
  sessionEndBodySchema,
} from './kiosk-auth.schemas.js';
import { authenticatedKiosk, registerKioskAuthentication, withRetryAfter } from './kiosk-authentication.js';

export interface KioskAuthRoutesOptions {
  deps: AppDeps;
  /** Tests move the clock and tighten limits; production uses the defaults. */
  clock?: () => Date;
  limits?: Partial<IdentityLimits>;
}

/**
 * Card authentication for kiosks (register with prefix /api/v1/kiosk). Every
 * route needs a registered kiosk's request signature; the card proves itself
 * by signing the server's challenge after the resident's PIN.
 *
 *   POST /auth/challenge    → { challengeId, nonce, message, expiresAt }
 *   POST /auth/complete     → { sessionToken, municipalityCode, idleExpiresAt, absoluteExpiresAt }
 *   POST /auth/card-locked  → { status, changed }
 *   POST /session/end       → { ended }
 */
export const kioskAuthRoutes: FastifyPluginAsync<KioskAuthRoutesOptions> = async (app, options) => {
  const deps: IdentityDeps = {
    db: options.deps.database.db,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  };
  registerKioskAuthentication(app, deps);

  app.post('/auth/challenge', async (request, reply) => {
    const body = parseInput(challengeBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    try {
      const challenge = await startCardAuthentication(deps, {
        kioskId: kiosk.kioskId,
        authenticatedKiosk: kiosk,
        ...(body.municipalityCode ? { municipalityCode: body.municipalityCode } : {}),
        ...(body.certificate ? { certificate: body.certificate } : {}),
      });
      return reply.status(201).send({
        challengeId: challenge.challengeId,
        nonce: challenge.nonce.toString('base64'),
        message: challenge.message.toString('base64'),
        expiresAt: challenge.expiresAt.toISOString(),
      });
    } catch (error) {
      throw withRetryAfter(reply, error);
    }
  });

  app.post('/auth/complete', async (request, reply) => {
    const body = parseInput(completeBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    try {
      const grant = await completeCardAuthentication(deps, {
        kioskId: kiosk.kioskId,
        authenticatedKiosk: kiosk,
        challengeId: body.challengeId,
        certificate: body.certificate,
        signature: Buffer.from(body.signature, 'base64'),
      });
      // The resident id stays on the server; the kiosk holds only the token.
      return {
        sessionToken: grant.sessionToken,
        municipalityCode: grant.municipalityCode,
        idleExpiresAt: grant.idleExpiresAt.toISOString(),
        absoluteExpiresAt: grant.absoluteExpiresAt.toISOString(),
      };
    } catch (error) {
      throw withRetryAfter(reply, error);
    }
  });

  app.post('/auth/card-locked', async (request) => {
    const body = parseInput(cardLockedBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    return reportCardLocked(deps, { kioskId: kiosk.kioskId, certificate: body.certificate });
  });

  app.post('/session/end', async (request) => {
    const body = parseInput(sessionEndBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    return endCardSession(deps, { kioskId: kiosk.kioskId, sessionToken: body.sessionToken });
  });
};
