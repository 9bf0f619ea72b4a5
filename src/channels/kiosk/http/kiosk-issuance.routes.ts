import type { FastifyPluginAsync } from 'fastify';
import { authenticatedKiosk, registerKioskAuthentication } from '../../../identity/index.js';
import { resolveCardSession } from '../../../identity/use-cases/resolve-card-session.js';
import { issueRequestSchema } from '../../../issuance/http/issuance.schemas.js';
import {
  decide,
  type IssuanceDeps,
  issueCertificate,
} from '../../../issuance/use-cases/issue-certificate.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { kioskIssueRequest, kioskMenu } from '../use-cases/kiosk-requests.js';
import {
  type KioskSaleDeps,
  refund,
  reportPrinted,
  reportPrintFailed,
  reprint,
} from '../use-cases/print-outcome.js';
import {
  issueBodySchema,
  menuBodySchema,
  orderBodySchema,
  printFailedBodySchema,
  refundBodySchema,
} from './kiosk-issuance.schemas.js';

export interface KioskIssuanceRoutesOptions {
  issuance: IssuanceDeps;
  clock?: () => Date;
}

/**
 * The kiosk's issuance flow (prefix /api/v1/kiosk), after the card session is
 * open: menu → quote → (cash taken) → issue → printed | print failed → reprint
 * or refund. Every request is signed by a registered kiosk; the card holder
 * comes from the session, never from the request.
 */
export const kioskIssuanceRoutes: FastifyPluginAsync<KioskIssuanceRoutesOptions> = async (app, options) => {
  const clock = options.clock ?? options.issuance.clock ?? (() => new Date());
  const db = options.issuance.db;
  const identityDeps = { db, clock };
  const saleDeps: KioskSaleDeps = {
    db,
    identities: options.issuance.identities,
    pipeline: options.issuance.pipeline,
    clock,
  };
  registerKioskAuthentication(app, identityDeps);

  app.post('/menu', async (request) => {
    const body = parseInput(menuBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    const session = await resolveCardSession(identityDeps, {
      sessionToken: body.sessionToken,
      kioskId: kiosk.kioskId,
    });
    return kioskMenu(db, kiosk, session, clock(), {
      municipalityCode: body.municipalityCode,
      ...(options.issuance.serviceHours ? { hours: options.issuance.serviceHours } : {}),
    });
  });

  app.post('/quote', async (request) => {
    const body = parseInput(orderBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    const session = await resolveCardSession(identityDeps, {
      sessionToken: body.sessionToken,
      kioskId: kiosk.kioskId,
    });
    const input = await kioskIssueRequest(
      db,
      kiosk,
      session,
      { options: body.options as never, copies: body.copies, municipalityCode: body.municipalityCode },
      'quote-only-key',
      clock(),
    );
    const parsed = parseInput(issueRequestSchema, input);
    const decision = await db.transaction().execute((trx) => decide(options.issuance, trx, parsed, clock()));
    return {
      certificate: parsed.options.certificate,
      unitFee: decision.price.unitFee,
      copies: decision.price.copies,
      total: decision.price.total,
      ...(decision.price.campaignId ? { campaignId: decision.price.campaignId } : {}),
    };
  });

  app.post('/issuances', async (request, reply) => {
    const body = parseInput(issueBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    const session = await resolveCardSession(identityDeps, {
      sessionToken: body.sessionToken,
      kioskId: kiosk.kioskId,
    });
    const input = await kioskIssueRequest(
      db,
      kiosk,
      session,
      { options: body.options as never, copies: body.copies, municipalityCode: body.municipalityCode },
      `${kiosk.kioskId}:${body.idempotencyKey}`,
      clock(),
    );
    // The cash unit's count must match the fee the engine books, or nothing is issued:
    // the engine compares them in the same decision that prices the certificate.
    const issued = await issueCertificate(
      options.issuance,
      { type: 'kiosk', id: kiosk.kioskId, terminalId: kiosk.kioskId },
      input,
      { expectedTotal: body.paidAmount },
    );
    return reply.status(issued.replayed ? 200 : 201).send({
      issuanceId: issued.issuanceId,
      issueNumber: issued.printedIssueNumber,
      verificationCode: issued.verificationCode,
      totalFee: issued.totalFee,
      copies: issued.copies,
      pages: issued.pages,
      replayed: issued.replayed,
      pdfBase64: Buffer.from(issued.pdf).toString('base64'),
    });
  });

  app.post<{ Params: { id: string } }>('/issuances/:id/printed', async (request) => {
    const kiosk = authenticatedKiosk(request);
    return reportPrinted(saleDeps, kiosk.kioskId, uuidParam(request.params.id));
  });

  app.post<{ Params: { id: string } }>('/issuances/:id/print-failed', async (request) => {
    const body = parseInput(printFailedBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    return reportPrintFailed(saleDeps, kiosk.kioskId, uuidParam(request.params.id), body.reason);
  });

  app.post<{ Params: { id: string } }>('/issuances/:id/reprint', async (request) => {
    const kiosk = authenticatedKiosk(request);
    const again = await reprint(saleDeps, kiosk.kioskId, uuidParam(request.params.id));
    return { pages: again.pages, pdfBase64: Buffer.from(again.pdf).toString('base64') };
  });

  app.post<{ Params: { id: string } }>('/issuances/:id/refund', async (request) => {
    const body = parseInput(refundBodySchema, request.body ?? {}, 'body');
    const kiosk = authenticatedKiosk(request);
    return refund(saleDeps, kiosk.kioskId, uuidParam(request.params.id), body.reason);
  });
};

function uuidParam(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
    throw new AppError('not_found', 'kiosk_issuance_not_found', {
      ja: 'この端末で発行された証明書が見つかりません。',
      en: 'No certificate issued at this kiosk has this id.',
    });
  return value.toLowerCase();
}
