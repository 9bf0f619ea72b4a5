import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import type { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { type StaffGuard, staffOf } from '../../../staff/index.js';
import { transactionNotFound } from '../domain/transaction.js';
import { addCounterLine } from '../use-cases/add-line.js';
import { cancelCounterTransaction } from '../use-cases/cancel-transaction.js';
import type { ActingStaff, CounterDeps } from '../use-cases/counter-deps.js';
import { searchFamilyRegisters, searchPeople, viewPerson } from '../use-cases/find-person.js';
import { listCounterTransactions } from '../use-cases/list-transactions.js';
import { openCounterTransaction } from '../use-cases/open-transaction.js';
import { payCounterTransaction } from '../use-cases/pay-transaction.js';
import { removeCounterLine } from '../use-cases/remove-line.js';
import { readCounterReceipt, reprintCounterCertificate } from '../use-cases/reprint.js';
import { requestCounterLineOverride } from '../use-cases/request-line-override.js';
import {
  letterNotFound,
  listSelfNotices,
  markLetterPrintedBy,
  readLetterPdf,
} from '../use-cases/self-notices.js';
import { showCounterTransaction } from '../use-cases/show-transaction.js';
import {
  decideOverride,
  listOverrideRequests,
  overrideNotFound,
  readOverrideRequest,
} from '../use-cases/support-overrides.js';
import {
  letterListQuery,
  lineNoParam,
  personQuery,
  reasonBody,
  registerSearchQuery,
  residentIdParam,
  residentSearchQuery,
  reviewDecisionBody,
  reviewListQuery,
  reviewRequestBody,
  transactionListQuery,
  uuidParam,
} from './counter.schemas.js';

export interface CounterRoutesOptions {
  issuance: IssuanceDeps;
  guard: StaffGuard;
}

export function actingStaff(request: FastifyRequest): ActingStaff {
  const staff = staffOf(request);
  return {
    municipalityCode: staff.municipalityCode,
    staffId: staff.staffId,
    displayName: staff.displayName,
    terminalId: staff.terminalId,
  };
}

/** A malformed id names nothing that exists: the same 404 as an unknown one, never a database error. */
export function idOf(value: string, notFound: () => AppError): string {
  const parsed = uuidParam.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data.toLowerCase();
}

export function sendPdf(reply: FastifyReply, pdf: Uint8Array, filename: string) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(pdf));
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

type Id = { Params: { id: string } };
type IdLine = { Params: { id: string; lineNo: string } };

/**
 * The counter's staff API (register under /api/v1): find the person, open a
 * visit, add certificates and see their fees, ask for and decide 支援措置
 * reviews, pay and receive the certificates and the receipt, and work the
 * 本人通知 print queue. Every route needs a fully signed-in staff member with
 * the permission named on it; everything is scoped to their municipality.
 */
export const counterRoutes: FastifyPluginAsync<CounterRoutesOptions> = async (app, options) => {
  const { guard } = options;
  const deps: CounterDeps = { issuance: options.issuance };
  const db = options.issuance.db;
  const read = { preHandler: guard.requirePermission('resident.read') };
  const counter = { preHandler: guard.requirePermission('certificate.issue.counter') };
  const review = { preHandler: guard.requirePermission('override.approve') };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // ---- finding the person (reads are audited by the registry and here)
  app.get('/counter/residents', read, async (request) => {
    const query = parseInput(residentSearchQuery, request.query ?? {}, 'query');
    const { limit, ...criteria } = query;
    return { residents: await searchPeople(db, actingStaff(request), { ...criteria, limit }) };
  });

  app.get<Id>('/counter/residents/:id', read, async (request) => {
    const id = parseInput(residentIdParam, request.params.id, 'id');
    const query = parseInput(personQuery, request.query ?? {}, 'query');
    return viewPerson(db, actingStaff(request), id, query.reason);
  });

  app.get('/counter/registers', read, async (request) => {
    const query = parseInput(registerSearchQuery, request.query ?? {}, 'query');
    return { registers: await searchFamilyRegisters(db, actingStaff(request), query) };
  });

  // ---- the visit
  app.post('/counter/transactions', counter, async (request, reply) => {
    const opened = await openCounterTransaction(deps, actingStaff(request), request.body ?? {});
    return reply.status(opened.replayed ? 200 : 201).send(opened);
  });

  app.get('/counter/transactions', counter, async (request) => {
    const query = parseInput(transactionListQuery, request.query ?? {}, 'query');
    return { transactions: await listCounterTransactions(deps, actingStaff(request), query) };
  });

  app.get<Id>('/counter/transactions/:id', counter, async (request) =>
    showCounterTransaction(deps, actingStaff(request), idOf(request.params.id, transactionNotFound)),
  );

  app.post<Id>('/counter/transactions/:id/lines', counter, async (request, reply) => {
    const id = idOf(request.params.id, transactionNotFound);
    const line = await addCounterLine(deps, actingStaff(request), id, request.body ?? {});
    return reply.status(201).send(line);
  });

  app.delete<IdLine>('/counter/transactions/:id/lines/:lineNo', counter, async (request) =>
    removeCounterLine(
      deps,
      actingStaff(request),
      idOf(request.params.id, transactionNotFound),
      parseInput(lineNoParam, request.params.lineNo, 'lineNo'),
    ),
  );

  app.post<IdLine>('/counter/transactions/:id/lines/:lineNo/review', counter, async (request, reply) => {
    const body = parseInput(reviewRequestBody, request.body ?? {}, 'body');
    const result = await requestCounterLineOverride(
      deps,
      actingStaff(request),
      idOf(request.params.id, transactionNotFound),
      parseInput(lineNoParam, request.params.lineNo, 'lineNo'),
      body.note,
    );
    return reply.status(result.created ? 201 : 200).send(result);
  });

  app.post<Id>('/counter/transactions/:id/pay', counter, async (request) => {
    const paid = await payCounterTransaction(
      deps,
      actingStaff(request),
      idOf(request.params.id, transactionNotFound),
      request.body ?? {},
    );
    return {
      transactionId: paid.transactionId,
      status: paid.status,
      total: paid.total,
      paymentMethod: paid.paymentMethod,
      tendered: paid.tendered,
      change: paid.change,
      certificates: paid.certificates.map((c) => ({
        lineNo: c.lineNo,
        issuanceId: c.issuanceId,
        certificate: c.certificate,
        issueNumber: c.issueNumber,
        verificationCode: c.verificationCode,
        copies: c.copies,
        fee: c.fee,
        pages: c.pages,
        replayed: c.replayed,
        pdfBase64: base64(c.pdf),
      })),
      receipt: {
        receiptNumber: paid.receipt.receiptNumber,
        sha256: paid.receipt.sha256,
        pdfBase64: base64(paid.receipt.pdf),
      },
      notices: paid.notices,
    };
  });

  app.post<Id>('/counter/transactions/:id/cancel', counter, async (request) => {
    const body = parseInput(reasonBody, request.body ?? {}, 'body');
    return cancelCounterTransaction(
      deps,
      actingStaff(request),
      idOf(request.params.id, transactionNotFound),
      body.reason,
    );
  });

  app.get<Id>('/counter/transactions/:id/receipt.pdf', counter, async (request, reply) => {
    const receipt = await readCounterReceipt(
      deps,
      actingStaff(request),
      idOf(request.params.id, transactionNotFound),
    );
    return sendPdf(reply, receipt.pdf, 'receipt.pdf');
  });

  app.get<IdLine>(
    '/counter/transactions/:id/lines/:lineNo/certificate.pdf',
    counter,
    async (request, reply) => {
      const again = await reprintCounterCertificate(
        deps,
        actingStaff(request),
        idOf(request.params.id, transactionNotFound),
        parseInput(lineNoParam, request.params.lineNo, 'lineNo'),
      );
      return sendPdf(reply, again.pdf, 'certificate.pdf');
    },
  );

  // ---- 審査: 支援措置 reviews
  app.get('/counter/reviews', review, async (request) => {
    const query = parseInput(reviewListQuery, request.query ?? {}, 'query');
    return { reviews: await listOverrideRequests(db, actingStaff(request), query) };
  });

  app.get<Id>('/counter/reviews/:id', review, async (request) =>
    readOverrideRequest(db, actingStaff(request), idOf(request.params.id, overrideNotFound)),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post<Id>(`/counter/reviews/:id/${decision}`, review, async (request) => {
      const body = parseInput(reviewDecisionBody, request.body ?? {}, 'body');
      return decideOverride(
        db,
        actingStaff(request),
        (options.issuance.clock ?? (() => new Date()))(),
        idOf(request.params.id, overrideNotFound),
        decision,
        body.reason,
      );
    });
  }

  // ---- 本人通知: the print queue
  app.get('/counter/notices', counter, async (request) => {
    const query = parseInput(letterListQuery, request.query ?? {}, 'query');
    return { notices: await listSelfNotices(db, actingStaff(request), query) };
  });

  app.get<Id>('/counter/notices/:id/pdf', counter, async (request, reply) => {
    const letter = await readLetterPdf(db, actingStaff(request), idOf(request.params.id, letterNotFound), [
      'self_notice',
    ]);
    return sendPdf(reply, letter.pdf, 'notice.pdf');
  });

  app.post<Id>('/counter/notices/:id/printed', counter, async (request) =>
    markLetterPrintedBy(deps, actingStaff(request), idOf(request.params.id, letterNotFound), ['self_notice']),
  );
};
