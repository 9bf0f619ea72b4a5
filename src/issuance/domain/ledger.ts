import type { PaymentMethod } from '../../db/schema.js';

export interface LedgerLine {
  account: string;
  debit: number;
  credit: number;
}

/** Chart of accounts used by issuance (勘定科目). */
export const ACCOUNTS = {
  feeIncome: 'fee_income', // 証明手数料収入
  cash: 'cash', // 現金
  cashless: 'cashless_receivable', // キャッシュレス決済 未収金
  card: 'card_receivable', // クレジットカード 未収金
  postalOrder: 'postal_money_order', // 定額小為替
  operatorFee: 'operator_fee_expense', // コンビニ交付 委託手数料
  operatorPayable: 'operator_fee_payable', // 未払金 (J-LIS / 事業者)
} as const;

const PAYMENT_ACCOUNT: Record<Exclude<PaymentMethod, 'exempt'>, string> = {
  cash: ACCOUNTS.cash,
  cashless: ACCOUNTS.cashless,
  card: ACCOUNTS.card,
  postal_order: ACCOUNTS.postalOrder,
};

/**
 * The double-entry lines of one issuance: fee income against the means of
 * payment, and for convenience-store issuance the operator's charge as an
 * expense against a payable. Lines always balance; an exempt issuance has
 * no money lines.
 */
export function ledgerLinesFor(input: {
  totalFee: number;
  paymentMethod: PaymentMethod;
  operatorCharge: number;
}): LedgerLine[] {
  if (!Number.isInteger(input.totalFee) || input.totalFee < 0) throw new RangeError('fee must be whole yen');
  const lines: LedgerLine[] = [];
  if (input.totalFee > 0) {
    if (input.paymentMethod === 'exempt') throw new RangeError('an exempt issuance has no fee');
    lines.push({ account: PAYMENT_ACCOUNT[input.paymentMethod], debit: input.totalFee, credit: 0 });
    lines.push({ account: ACCOUNTS.feeIncome, debit: 0, credit: input.totalFee });
  }
  if (input.operatorCharge > 0) {
    lines.push({ account: ACCOUNTS.operatorFee, debit: input.operatorCharge, credit: 0 });
    lines.push({ account: ACCOUNTS.operatorPayable, debit: 0, credit: input.operatorCharge });
  }
  return lines;
}

export function isBalanced(lines: readonly LedgerLine[]): boolean {
  return lines.reduce((sum, l) => sum + l.debit - l.credit, 0) === 0;
}
