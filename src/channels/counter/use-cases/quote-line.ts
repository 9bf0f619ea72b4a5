import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { type IssueRequestInput, issueRequestSchema } from '../../../issuance/http/issuance.schemas.js';
import { decide, type IssuanceDeps } from '../../../issuance/use-cases/issue-certificate.js';
import { AppError, isAppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { onlyNeedsReview } from '../domain/certificate-line.js';

export type LineQuote =
  | {
      status: 'ok';
      unitFee: number;
      copies: number;
      total: number;
      standardUnitFee: number;
      campaignId?: string;
      exempt: boolean;
      basis: string;
      notifySubject: boolean;
    }
  | {
      status: 'review_required';
      ja: string;
      en: string;
      /** The fee if the reviewer allows it, so the clerk can tell the requester before the review. */
      unitFee: number;
      total: number;
    };

/**
 * The engine's decision on one line without issuing anything: its fee, or the
 * refusals. A 支援措置 refusal is not an error here: the line waits for a
 * reviewer (審査), and the clerk sees the warning.
 */
export async function quoteLine(
  deps: Pick<IssuanceDeps, 'serviceHours'>,
  db: Kysely<DB>,
  input: IssueRequestInput,
  at: Date,
): Promise<LineQuote> {
  const request = parseInput(issueRequestSchema, input, 'line');
  try {
    const decision = await decide(deps, db, request, at, { requirePayment: false });
    return {
      status: 'ok',
      unitFee: decision.price.unitFee,
      copies: decision.price.copies,
      total: decision.price.total,
      standardUnitFee: decision.price.standardUnitFee,
      ...(decision.price.campaignId ? { campaignId: decision.price.campaignId } : {}),
      exempt: decision.price.exemption !== undefined,
      basis: decision.allowed.basis,
      notifySubject: decision.allowed.notifySubject,
    };
  } catch (error) {
    if (!(isAppError(error) && onlyNeedsReview(codesOf(error)))) throw error;
    // Priced as if allowed; nothing is issued from this quote, and issuing needs a real approval.
    const hypothetical = await decide(
      deps,
      db,
      { ...request, override: { reviewerId: 'quote-only', reason: 'fee quote before the review' } },
      at,
      { requirePayment: false },
    );
    return {
      status: 'review_required',
      ja: error.ja,
      en: error.en,
      unitFee: hypothetical.price.unitFee,
      total: hypothetical.price.total,
    };
  }
}

function codesOf(error: AppError): string[] {
  const codes = error.extra.codes;
  return Array.isArray(codes) ? codes.map(String) : [error.code];
}

/** A line that must not be charged yet: the reviewer has not allowed it. */
export function reviewPending(lineNo: number): AppError {
  return new AppError(
    'conflict',
    'override_pending',
    {
      ja: `${lineNo}番目の証明書は、支援措置の審査が終わっていません。審査担当の承認を待ってください。`,
      en: `Certificate ${lineNo} is waiting for the support-measure review; wait for the reviewer's approval.`,
    },
    { extra: { lineNo } },
  );
}
