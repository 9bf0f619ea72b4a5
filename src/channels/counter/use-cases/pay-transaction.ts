/**
 * Payment and issuance of a visit, as three explicit steps:
 *
 * 1. check and take the payment: every line is decided again by the engine
 *    (fees can change at midnight, a review can be withdrawn); cash must cover
 *    the total; the visit moves to `paying` and can no longer grow;
 * 2. issue each line through the engine with its own idempotency key — one
 *    transaction per certificate, as the engine commits them;
 * 3. the receipt: numbered, signed and stored with the visit moving to `paid`.
 *
 * Any step can be repeated: a double click, a retry after a timeout or a
 * second clerk pressing the button finds the earlier work (the engine
 * replays an issued line, the receipt exists) and never charges twice. If a
 * line cannot be issued in step 2, the visit stays `paying`; the clerk removes
 * that line and pays again, and the receipt lists what was issued.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../../audit/index.js';
import type { CounterTransactionTable, DB } from '../../../db/schema.js';
import type { CertificateType } from '../../../domain/certificates.js';
import type { ExemptionKind } from '../../../domain/fees.js';
import { fiscalYearOf } from '../../../domain/fiscal-year.js';
import { printedIssueNumber, tokyoDate } from '../../../issuance/domain/build-document.js';
import { type IssuedCertificate, issueCertificate } from '../../../issuance/use-cases/issue-certificate.js';
import { findMunicipality, findResident } from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import {
  findReceipt,
  insertReceipt,
  type LineRow,
  listIssuancesForReceipt,
  listLines,
  lockTransaction,
  type TransactionRow,
  updateLine,
  updateTransaction,
} from '../data/counter.repository.js';
import { takeDocumentNumber } from '../data/document-number.repository.js';
import { renderSignedPaper, tokyoIso } from '../documents/paper.js';
import { type ReceiptItem, receiptDocument } from '../documents/receipt.js';
import { type CertificateLine, engineRequestOf, type RequesterOnFile } from '../domain/certificate-line.js';
import { changeFor, lineIdempotencyKey, transactionNotFound } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, nowOf, staffActor } from './counter-deps.js';
import { quoteLine } from './quote-line.js';
import { queueSelfNotices } from './self-notices.js';
import { approvedOverrideFor, markOverrideUsed } from './support-overrides.js';

export const paySchema = z.strictObject({
  method: z.enum(['cash', 'cashless']),
  /** Cash handed over; the change is printed on the receipt. */
  tendered: z.int().min(0).max(10_000_000).optional(),
  /** The cashless terminal's transaction number. */
  reference: z.string().trim().min(1).max(64).optional(),
});

export interface PaidCertificate {
  lineNo: number;
  issuanceId: string;
  certificate: string;
  issueNumber: string;
  verificationCode: string;
  copies: number;
  fee: number;
  pages: number;
  replayed: boolean;
  pdf: Uint8Array;
}

export interface PaidTransaction {
  transactionId: string;
  status: 'paid';
  total: number;
  paymentMethod: 'cash' | 'cashless' | 'exempt';
  tendered: number | null;
  change: number | null;
  certificates: PaidCertificate[];
  receipt: { receiptNumber: string; pdf: Uint8Array; sha256: string };
  notices: { letterId: string; letterNumber: string }[];
}

/** The engine request of a line, built the same way every time so a retry is a replay. */
export async function engineInputOf(
  db: Kysely<DB>,
  tx: TransactionRow,
  row: LineRow,
  payment: 'cash' | 'cashless',
  purpose: 'issue' | 'check',
) {
  const line = row.line as unknown as CertificateLine;
  const override = row.review_required
    ? await approvedOverrideFor(db, {
        municipalityCode: tx.municipality_code,
        channel: 'counter',
        originId: tx.transaction_id,
        originLine: row.line_no,
      })
    : undefined;
  const input = engineRequestOf(line, tx.requester as unknown as RequesterOnFile, {
    municipalityCode: tx.municipality_code,
    channel: 'counter',
    idempotencyKey: lineIdempotencyKey(tx.transaction_id, row.line_no),
    // The clerk who took the payment: a retry by a colleague must replay, not differ.
    clerkId: tx.paid_by ?? tx.clerk_id,
    terminalId: tx.terminal_id,
    payment,
    ...(override ? { override: { reviewerId: override.reviewerId, reason: override.reason } } : {}),
  });
  if (purpose === 'check' && row.review_required && !override)
    throw new AppError(
      'unprocessable',
      'support_measure_review',
      {
        ja: `${row.line_no}番目の証明書は支援措置の対象です。審査を申請し、承認を受けてからお支払いに進んでください。`,
        en: `Certificate ${row.line_no} concerns a person under a support measure; ask for a review and wait for its approval.`,
      },
      { extra: { lineNo: row.line_no } },
    );
  return { input, overrideId: override?.overrideId };
}

/** Step 1: decide every line again, check the cash, and close the visit to changes. */
async function takePayment(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  body: z.infer<typeof paySchema>,
  at: Date,
): Promise<TransactionRow> {
  const db = deps.issuance.db;
  return db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, staff.municipalityCode, transactionId);
    if (!tx) throw transactionNotFound();
    if (tx.status === 'cancelled')
      throw new AppError('conflict', 'counter_transaction_closed', {
        ja: 'この受付は取り消されています。',
        en: 'This transaction was cancelled.',
      });
    if (tx.status !== 'open') return tx;
    const lines = await listLines(trx, staff.municipalityCode, transactionId);
    if (lines.length === 0)
      throw new AppError('unprocessable', 'counter_no_lines', {
        ja: '証明書が選ばれていません。',
        en: 'No certificate has been chosen.',
      });
    let total = 0;
    for (const row of lines) {
      const { input } = await engineInputOf(trx, tx, row, body.method, 'check');
      const quote = await quoteLine(deps.issuance, trx, input, at);
      if (quote.status !== 'ok') throw new Error('an approved review did not lift the support measure');
      total += quote.total;
      await updateLine(
        trx,
        { municipalityCode: staff.municipalityCode, transactionId, lineNo: row.line_no },
        { quoted_total: quote.total },
      );
    }
    if (body.method === 'cash' && total > 0 && (body.tendered === undefined || body.tendered < total))
      throw new AppError(
        'unprocessable',
        'counter_tendered_short',
        {
          ja: `お預かりした金額が手数料の合計（${total}円）に足りません。`,
          en: `The cash handed over does not cover the total fee (${total} yen).`,
        },
        { extra: { total } },
      );
    const changes = {
      status: 'paying' as const,
      payment_method: body.method,
      tendered: body.method === 'cash' ? (body.tendered ?? 0) : null,
      payment_reference: body.reference ?? null,
      paid_by: staff.staffId,
    } satisfies Partial<CounterTransactionTable>;
    await updateTransaction(trx, staff.municipalityCode, transactionId, changes);
    return { ...tx, ...changes };
  });
}

/** Step 2 for one line: the engine issues (or replays), and the line records the result. */
async function issueLine(
  deps: CounterDeps,
  staff: ActingStaff,
  tx: TransactionRow,
  row: LineRow,
  at: Date,
): Promise<{ issued: IssuedCertificate; notices: { letterId: string; letterNumber: string }[] }> {
  const db = deps.issuance.db;
  const { input, overrideId } = await engineInputOf(db, tx, row, tx.payment_method ?? 'cash', 'issue');
  const issued = await issueCertificate(deps.issuance, staffActor(staff), input);
  await db.transaction().execute(async (trx) => {
    if (row.status !== 'issued')
      await updateLine(
        trx,
        { municipalityCode: tx.municipality_code, transactionId: tx.transaction_id, lineNo: row.line_no },
        {
          status: 'issued',
          issuance_id: issued.issuanceId,
          fee: issued.totalFee,
          issued_at: issued.issuedAt,
        },
      );
    if (overrideId) await markOverrideUsed(trx, tx.municipality_code, overrideId, issued.issuanceId, at);
  });
  const notices = issued.notifySubject
    ? await queueSelfNotices(deps, staff, tx.municipality_code, issued.issuanceId)
    : [];
  return { issued, notices };
}

/** Step 3: the receipt of what was issued, once. */
async function makeReceipt(deps: CounterDeps, staff: ActingStaff, transactionId: string, at: Date) {
  const db = deps.issuance.db;
  const code = staff.municipalityCode;
  const municipality = await findMunicipality(db, code);
  if (!municipality) throw new Error(`municipality ${code} vanished`);
  const identity = await deps.issuance.identities.get(code);
  return db.transaction().execute(async (trx) => {
    const tx = await lockTransaction(trx, code, transactionId);
    if (!tx) throw transactionNotFound();
    const existing = await findReceipt(trx, code, transactionId);
    if (existing) return { tx, receipt: existing };
    const lines = (await listLines(trx, code, transactionId)).filter((l) => l.status === 'issued');
    const issuances = await listIssuancesForReceipt(
      trx,
      code,
      lines.map((l) => l.issuance_id!),
    );
    const byId = new Map(issuances.map((i) => [i.issuance_id, i]));
    const items: ReceiptItem[] = lines.map((line) => {
      const i = byId.get(line.issuance_id!)!;
      const exemption = i.exemption?.split(':')[0] as ExemptionKind | undefined;
      return {
        certificate: i.certificate as CertificateType,
        issueNumber: printedIssueNumber(i.fiscal_year, i.issue_number),
        copies: i.copies,
        unitFee: i.unit_fee,
        total: i.total_fee,
        ...(i.fee_campaign_id ? { campaign: true } : {}),
        ...(exemption ? { exemption } : {}),
      };
    });
    const total = items.reduce((sum, item) => sum + item.total, 0);
    const paymentMethod = total === 0 ? 'exempt' : (tx.payment_method ?? 'cash');
    const today = tokyoDate(at);
    const fiscalYear = fiscalYearOf(today);
    const number = await takeDocumentNumber(trx, code, 'receipt', fiscalYear);
    const receiptNumber = `領収${printedIssueNumber(fiscalYear, number)}`;
    const requester = tx.requester as unknown as RequesterOnFile;
    // A resident asking for themself wrote no name on a form: the receipt names them as registered.
    const payer =
      requester.name ??
      (requester.residentId !== undefined
        ? await findResident(trx, code, requester.residentId).then((r) =>
            r ? `${r.family_name}　${r.given_name}` : undefined,
          )
        : undefined);
    const signed = await renderSignedPaper(
      receiptDocument({
        municipality: {
          code,
          name: municipality.name,
          officeAddress: municipality.office_address,
          phone: municipality.phone,
        },
        receiptNumber,
        issuedOn: today,
        issuedAt: tokyoIso(at),
        ...(payer ? { payerName: payer } : {}),
        items,
        paymentMethod,
        ...(tx.tendered !== null ? { tendered: tx.tendered } : {}),
        ...(tx.payment_reference ? { paymentReference: tx.payment_reference } : {}),
        clerkName: staff.displayName,
        ...(tx.terminal_id ? { terminalId: tx.terminal_id } : {}),
      }),
      identity,
      { name: municipality.name, reason: '領収書の発行 (receipt)' },
    );
    const receipt = {
      municipality_code: code,
      transaction_id: transactionId,
      fiscal_year: fiscalYear,
      receipt_number: number,
      printed_number: receiptNumber,
      total,
      payment_method: paymentMethod,
      issued_at: at,
      content_sha256: signed.sha256,
      pdf: signed.pdf,
    } as const;
    await insertReceipt(trx, receipt);
    await updateTransaction(trx, code, transactionId, { status: 'paid', paid_at: at });
    await appendAudit(trx, {
      municipalityCode: code,
      actor: staffActor(staff),
      action: 'counter.paid',
      subjectType: 'counter_transaction',
      subjectId: transactionId,
      details: {
        receiptNumber,
        total,
        paymentMethod,
        issuances: lines.map((l) => l.issuance_id),
      },
    });
    return { tx: { ...tx, status: 'paid' as const }, receipt: { ...receipt, issued_at: at } };
  });
}

/**
 * Takes the payment of a visit and issues its certificates and receipt.
 * Repeating it with any body answers the same certificates and receipt.
 */
export async function payCounterTransaction(
  deps: CounterDeps,
  staff: ActingStaff,
  transactionId: string,
  input: unknown,
): Promise<PaidTransaction> {
  const body = parseInput(paySchema, input, 'body');
  const at = nowOf(deps);
  const tx = await takePayment(deps, staff, transactionId, body, at);
  const lines = await listLines(deps.issuance.db, staff.municipalityCode, transactionId);
  if (tx.status === 'paying' && lines.length === 0)
    throw new AppError('unprocessable', 'counter_no_lines', {
      ja: '発行できる証明書が残っていません。受付を取り消してください。',
      en: 'No certificate is left to issue; cancel the transaction.',
    });
  const certificates: PaidCertificate[] = [];
  const notices: { letterId: string; letterNumber: string }[] = [];
  for (const row of lines) {
    try {
      const done = await issueLine(deps, staff, tx, row, at);
      notices.push(...done.notices);
      certificates.push({
        lineNo: row.line_no,
        issuanceId: done.issued.issuanceId,
        certificate: done.issued.certificate,
        issueNumber: done.issued.printedIssueNumber,
        verificationCode: done.issued.verificationCode,
        copies: done.issued.copies,
        fee: done.issued.totalFee,
        pages: done.issued.pages,
        replayed: done.issued.replayed,
        pdf: done.issued.pdf,
      });
    } catch (error) {
      if (error instanceof AppError)
        throw new AppError(
          error.kind,
          error.code,
          { ja: `${row.line_no}番目の証明書: ${error.ja}`, en: `Certificate ${row.line_no}: ${error.en}` },
          {
            details: error.details,
            extra: { ...error.extra, lineNo: row.line_no, issued: certificates.map((c) => c.lineNo) },
            cause: error,
          },
        );
      throw error;
    }
  }
  const { tx: paid, receipt } = await makeReceipt(deps, staff, transactionId, at);
  return {
    transactionId,
    status: 'paid',
    total: receipt.total,
    paymentMethod: receipt.payment_method,
    tendered: paid.tendered,
    change: receipt.payment_method === 'cash' ? changeFor(paid.tendered, receipt.total) : null,
    certificates,
    receipt: { receiptNumber: receipt.printed_number, pdf: receipt.pdf, sha256: receipt.content_sha256 },
    notices,
  };
}
