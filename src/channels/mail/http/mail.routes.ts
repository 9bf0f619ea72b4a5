import type { FastifyPluginAsync } from 'fastify';
import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import type { StaffGuard } from '../../../staff/index.js';
import {
  actingStaff,
  type CounterDeps,
  idOf,
  letterSummary,
  listLetters,
  markLetterPrintedBy,
  readLetterPdf,
  sendPdf,
} from '../../counter/index.js';
import { checkMailRequest } from '../use-cases/check-mail-request.js';
import { issueMailRequest } from '../use-cases/issue-mail-request.js';
import { mailNotFound } from '../use-cases/mail-common.js';
import { postMailRequest } from '../use-cases/post-mail-request.js';
import { recordMailRemittance } from '../use-cases/record-remittance.js';
import { registerMailRequest } from '../use-cases/register-mail-request.js';
import { reprintMailCertificate } from '../use-cases/reprint-mail-certificate.js';
import { requestMailItemOverride } from '../use-cases/request-item-override.js';
import { returnMailRequest } from '../use-cases/return-mail-request.js';
import { listMailWork, showMailRequest } from '../use-cases/show-mail-request.js';
import {
  itemNoParam,
  letterListQuery,
  mailListQuery,
  returnBody,
  reviewRequestBody,
} from './mail.schemas.js';

export interface MailRoutesOptions {
  issuance: IssuanceDeps;
  guard: StaffGuard;
}

const MAIL_LETTERS = ['mail_shortfall', 'mail_returned'] as const;
const letterNotFound = () =>
  new AppError('not_found', 'letter_not_found', {
    ja: '該当する通知文書がありません。',
    en: 'There is no such letter.',
  });

type Id = { Params: { id: string } };

/**
 * The mail desk (郵送請求) under /api/v1/mail, all behind `mail.register`:
 * register a letter → check (fee vs. 定額小為替; shortfall letter) → record
 * orders in or out → issue → post, or return with a reason; the desk's
 * letters and their print queue; the work log per request.
 */
export const mailRoutes: FastifyPluginAsync<MailRoutesOptions> = async (app, options) => {
  const deps: CounterDeps = { issuance: options.issuance };
  const mail = { preHandler: options.guard.requirePermission('mail.register') };
  const requestId = (id: string) => idOf(id, mailNotFound);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/mail/requests', mail, async (request, reply) => {
    const registered = await registerMailRequest(deps, actingStaff(request), request.body ?? {});
    return reply.status(registered.replayed ? 200 : 201).send(registered);
  });

  app.get('/mail/requests', mail, async (request) => {
    const query = parseInput(mailListQuery, request.query ?? {}, 'query');
    return { requests: await listMailWork(deps, actingStaff(request), query) };
  });

  app.get<Id>('/mail/requests/:id', mail, async (request) =>
    showMailRequest(deps, actingStaff(request), requestId(request.params.id)),
  );

  app.post<Id>('/mail/requests/:id/check', mail, async (request) =>
    checkMailRequest(deps, actingStaff(request), requestId(request.params.id)),
  );

  app.post<{ Params: { id: string; itemNo: string } }>(
    '/mail/requests/:id/items/:itemNo/review',
    mail,
    async (request, reply) => {
      const body = parseInput(reviewRequestBody, request.body ?? {}, 'body');
      const result = await requestMailItemOverride(
        deps,
        actingStaff(request),
        requestId(request.params.id),
        parseInput(itemNoParam, request.params.itemNo, 'itemNo'),
        body.note,
      );
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.post<Id>('/mail/requests/:id/remittances', mail, async (request, reply) => {
    const result = await recordMailRemittance(
      deps,
      actingStaff(request),
      requestId(request.params.id),
      request.body ?? {},
    );
    return reply.status(201).send(result);
  });

  app.post<Id>('/mail/requests/:id/issue', mail, async (request) => {
    const issued = await issueMailRequest(deps, actingStaff(request), requestId(request.params.id));
    return {
      requestId: issued.requestId,
      reference: issued.reference,
      status: issued.status,
      balance: issued.balance,
      notices: issued.notices,
      certificates: issued.certificates.map((c) => ({
        itemNo: c.itemNo,
        issuanceId: c.issuanceId,
        certificate: c.certificate,
        issueNumber: c.printedIssueNumber,
        verificationCode: c.verificationCode,
        copies: c.copies,
        fee: c.totalFee,
        paymentMethod: c.paymentMethod,
        pages: c.pages,
        replayed: c.replayed,
        pdfBase64: Buffer.from(c.pdf).toString('base64'),
      })),
    };
  });

  app.get<{ Params: { id: string; itemNo: string } }>(
    '/mail/requests/:id/items/:itemNo/certificate.pdf',
    mail,
    async (request, reply) => {
      const again = await reprintMailCertificate(
        deps,
        actingStaff(request),
        requestId(request.params.id),
        parseInput(itemNoParam, request.params.itemNo, 'itemNo'),
      );
      return sendPdf(reply, again.pdf, 'certificate.pdf');
    },
  );

  app.post<Id>('/mail/requests/:id/post', mail, async (request) =>
    postMailRequest(deps, actingStaff(request), requestId(request.params.id), request.body ?? {}),
  );

  app.post<Id>('/mail/requests/:id/return', mail, async (request) => {
    const body = parseInput(returnBody, request.body ?? {}, 'body');
    return returnMailRequest(deps, actingStaff(request), requestId(request.params.id), body.reason);
  });

  app.get('/mail/letters', mail, async (request) => {
    const query = parseInput(letterListQuery, request.query ?? {}, 'query');
    const staff = actingStaff(request);
    const rows = await listLetters(deps.issuance.db, staff.municipalityCode, {
      kinds: MAIL_LETTERS,
      ...query,
    });
    return { letters: rows.map(letterSummary) };
  });

  app.get<Id>('/mail/letters/:id/pdf', mail, async (request, reply) => {
    const letter = await readLetterPdf(
      deps.issuance.db,
      actingStaff(request),
      idOf(request.params.id, letterNotFound),
      MAIL_LETTERS,
    );
    return sendPdf(reply, letter.pdf, 'letter.pdf');
  });

  app.post<Id>('/mail/letters/:id/printed', mail, async (request) =>
    markLetterPrintedBy(deps, actingStaff(request), idOf(request.params.id, letterNotFound), MAIL_LETTERS),
  );
};
