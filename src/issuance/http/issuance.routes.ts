import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { type IssuanceDeps, issueCertificate } from '../use-cases/issue-certificate.js';

export interface InternalApiOptions {
  issuance: IssuanceDeps;
  /** Shared secret of the channels that call the engine over HTTP. */
  token: string;
}

function authenticate(request: FastifyRequest, token: string) {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('unauthenticated', 'internal_api_unauthenticated', {
      ja: 'この操作には認証が必要です。',
      en: 'This call needs the internal API token.',
    });
}

/**
 * The engine's internal API: what a channel service calls when it runs in
 * another process. The channel has authenticated the requester its own way;
 * it names itself in `actor`.
 */
export const issuanceRoutes: FastifyPluginAsync<InternalApiOptions> = async (app, options) => {
  app.addHook('onRequest', async (request) => authenticate(request, options.token));

  app.post('/issuances', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const headerKey = request.headers['idempotency-key'];
    const input =
      typeof headerKey === 'string' && body.idempotencyKey === undefined
        ? { ...body, idempotencyKey: headerKey }
        : body;
    // Only strings name the actor; anything else is left to the request schema to refuse.
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const actor: AuditActor = {
      type: body.channel === 'kiosk' ? 'kiosk' : 'staff',
      id: text(body.clerkId) ?? text(body.terminalId) ?? 'internal-api',
      terminalId: text(body.terminalId) ?? null,
    };
    const issued = await issueCertificate(options.issuance, actor, input as never);
    const { pdf, ...summary } = issued;
    return reply
      .status(issued.replayed ? 200 : 201)
      .send({ ...summary, pdfBase64: Buffer.from(pdf).toString('base64') });
  });
};
