/** Pure helpers of a counter transaction (one visit, several certificates, one receipt). */
import { AppError } from '../../../shared/errors.js';

/** The engine's idempotency key of a line: a double click or a retry never issues or charges twice. */
export function lineIdempotencyKey(transactionId: string, lineNo: number): string {
  return `ctr:${transactionId}:${lineNo}`;
}

export function quoteKey(transactionId: string, lineNo: number): string {
  return `quote:${transactionId}:${lineNo}`;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function transactionNotFound(): AppError {
  return new AppError('not_found', 'counter_transaction_not_found', {
    ja: '該当する窓口の受付がありません。',
    en: 'There is no such counter transaction.',
  });
}

export function transactionClosed(status: string): AppError {
  return new AppError(
    'conflict',
    'counter_transaction_closed',
    {
      ja:
        status === 'cancelled'
          ? 'この受付は取り消されています。'
          : 'この受付はお支払いの手続きに進んでいるため、内容を変更できません。',
      en:
        status === 'cancelled'
          ? 'This transaction was cancelled.'
          : 'This transaction is being paid or is paid; it can no longer be changed.',
    },
    { extra: { currentStatus: status } },
  );
}

/** Change for cash; the receipt prints it. */
export function changeFor(tendered: number | null, total: number): number | null {
  return tendered === null ? null : tendered - total;
}
