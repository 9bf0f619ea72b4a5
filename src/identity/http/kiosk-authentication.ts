import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../shared/errors.js';
import { refusal } from '../domain/identity-errors.js';
import {
  type AuthenticatedKiosk,
  authenticateKioskRequest,
  readKioskAuthHeaders,
} from '../use-cases/authenticate-kiosk-request.js';
import { type IdentityDeps, resolveIdentityDeps } from '../use-cases/identity-deps.js';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const kiosks = new WeakMap<FastifyRequest, AuthenticatedKiosk>();

/** Kiosk requests are small JSON documents; anything bigger is refused before parsing. */
const KIOSK_BODY_LIMIT = 64 * 1024;

/** Sets Retry-After on the reply before a rate-limit refusal reaches the error handler. */
export function withRetryAfter(reply: FastifyReply, error: unknown): unknown {
  if (isAppError(error) && error.kind === 'rate_limited') {
    const seconds = error.extra.retryAfterSeconds;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
  }
  return error;
}

/**
 * Makes every route of the Fastify instance it is given (an encapsulated
 * plugin) kiosk-only: the request must carry a registered, in-service kiosk's
 * signature over method, path, timestamp, nonce and body. Bodies are JSON
 * only, kept as the exact bytes received so the signature is checked over
 * what was sent, not over a re-serialisation.
 *
 * Call it at the top of a route plugin; read the kiosk with authenticatedKiosk().
 */
export function registerKioskAuthentication(app: FastifyInstance, deps: IdentityDeps): void {
  const { now, limits } = resolveIdentityDeps(deps);
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: KIOSK_BODY_LIMIT },
    (request, body, done) => {
      const bytes = body as Buffer;
      rawBodies.set(request, bytes);
      if (bytes.length === 0) return done(null, undefined);
      parseJson(request, bytes.toString('utf8'), (error, value) => {
        if (error)
          return done(
            new AppError('invalid', 'invalid_json', {
              ja: 'JSON の形式が正しくありません。',
              en: 'The body is not valid JSON.',
            }),
          );
        done(null, value);
      });
    },
  );
  // Headers and clock first: cheap, and before any body is read.
  app.addHook('onRequest', async (request, reply) => {
    try {
      readKioskAuthHeaders(request.headers, now(), limits.kioskClockSkewSeconds);
    } catch (error) {
      throw withRetryAfter(reply, error);
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    try {
      const kiosk = await authenticateKioskRequest(deps, {
        headers: request.headers,
        method: request.method,
        path: request.url,
        body: rawBodies.get(request) ?? Buffer.alloc(0),
      });
      kiosks.set(request, kiosk);
    } catch (error) {
      throw withRetryAfter(reply, error);
    }
  });
}

/** The kiosk that signed this request; only on routes behind registerKioskAuthentication. */
export function authenticatedKiosk(request: FastifyRequest): AuthenticatedKiosk {
  const kiosk = kiosks.get(request);
  // Reaching a handler without it means the route was registered outside the
  // authenticated plugin: refuse rather than act for nobody.
  if (!kiosk) throw refusal('kiosk_auth.missing_headers');
  return kiosk;
}
