/**
 * The resident's side (public, no login): the phone makes a draft and gets its
 * reference, QR text and edit secret; only the secret (header X-Edit-Secret)
 * opens the draft again. Plus the public check of a 転出証明書 by its code.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { draftQrText } from '../domain/reference.js';
import { createDraft } from '../use-cases/create-draft.js';
import { deleteDraft } from '../use-cases/delete-draft.js';
import type { NotificationDeps } from '../use-cases/notification-deps.js';
import { residentGuidance } from '../use-cases/notification-guidance.js';
import { readDraft } from '../use-cases/read-draft.js';
import { referenceOf } from '../use-cases/sealed-notification.js';
import { submitDraft } from '../use-cases/submit-draft.js';
import { updateDraft } from '../use-cases/update-draft.js';
import { verifyTenshutsuCertificate } from '../use-cases/verify-tenshutsu-certificate.js';
import {
  certificateParams,
  createDraftBody,
  draftParams,
  EDIT_SECRET_HEADER,
  municipalityParams,
  updateDraftBody,
} from './notifications.schemas.js';

export interface NotificationDraftRoutesOptions {
  notifications: NotificationDeps;
}

const MAX_PDF = 5 * 1024 * 1024;

function keyOf(request: FastifyRequest) {
  const params = parseInput(draftParams, request.params, 'params');
  const secret = request.headers[EDIT_SECRET_HEADER];
  return {
    municipalityCode: params.code,
    reference: params.reference,
    editSecret: typeof secret === 'string' ? secret : undefined,
  };
}

export const notificationDraftRoutes: FastifyPluginAsync<NotificationDraftRoutesOptions> = async (
  app,
  options,
) => {
  const deps = options.notifications;
  // Drafts hold personal data: never kept by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: MAX_PDF },
    (_request, body, done) => done(null, body),
  );

  app.post('/municipalities/:code/notification-drafts', async (request, reply) => {
    const { code } = parseInput(municipalityParams, request.params, 'params');
    const body = parseInput(createDraftBody, request.body ?? {}, 'body');
    const created = await createDraft(deps, {
      municipalityCode: code,
      kind: body.kind,
      content: body.content,
    });
    return reply.status(201).header('location', `${request.url}/${created.reference}`).send(created);
  });

  app.get('/municipalities/:code/notification-drafts/:reference', async (request) =>
    readDraft(deps, keyOf(request)),
  );

  app.put('/municipalities/:code/notification-drafts/:reference', async (request) => {
    const body = parseInput(updateDraftBody, request.body ?? {}, 'body');
    return updateDraft(deps, keyOf(request), body);
  });

  app.post('/municipalities/:code/notification-drafts/:reference/submit', async (request) =>
    submitDraft(deps, keyOf(request)),
  );

  app.delete('/municipalities/:code/notification-drafts/:reference', async (request, reply) => {
    await deleteDraft(deps, keyOf(request));
    return reply.status(204).send();
  });

  app.get('/municipalities/:code/notification-drafts/:reference/guidance', async (request) =>
    residentGuidance(deps, keyOf(request)),
  );

  // The QR code to show at the counter: it carries the reference only, so it needs no secret.
  app.get('/municipalities/:code/notification-drafts/:reference/qr.svg', async (request, reply) => {
    const key = keyOf(request);
    const svg = await QRCode.toString(draftQrText(key.municipalityCode, referenceOf(key.reference)), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 4,
    });
    return reply.type('image/svg+xml').send(svg);
  });

  app.get('/tenshutsu-certificates/:code', async (request) => {
    const { code } = parseInput(certificateParams, request.params, 'params');
    return verifyTenshutsuCertificate(deps, { code });
  });

  app.post('/tenshutsu-certificates/:code/check', async (request) => {
    const { code } = parseInput(certificateParams, request.params, 'params');
    if (!Buffer.isBuffer(request.body) || request.body.length === 0)
      throw new AppError('invalid', 'pdf_required', {
        ja: '照合するPDFファイルを送ってください（Content-Type: application/pdf）。',
        en: 'Send the PDF to check as the body (Content-Type: application/pdf).',
      });
    return verifyTenshutsuCertificate(deps, { code, pdf: new Uint8Array(request.body) });
  });
};
