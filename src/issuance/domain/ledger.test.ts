import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, isBalanced, ledgerLinesFor } from './ledger.js';

describe('issuance ledger lines', () => {
  it('books fee income against cash, and the operator charge for a convenience-store issuance', () => {
    expect(ledgerLinesFor({ totalFee: 200, paymentMethod: 'cash', operatorCharge: 117 })).toEqual([
      { account: ACCOUNTS.cash, debit: 200, credit: 0 },
      { account: ACCOUNTS.feeIncome, debit: 0, credit: 200 },
      { account: ACCOUNTS.operatorFee, debit: 117, credit: 0 },
      { account: ACCOUNTS.operatorPayable, debit: 0, credit: 117 },
    ]);
  });

  it('has no money lines for an exempt issuance and refuses a fee without a means of payment', () => {
    expect(ledgerLinesFor({ totalFee: 0, paymentMethod: 'exempt', operatorCharge: 0 })).toEqual([]);
    expect(() => ledgerLinesFor({ totalFee: 300, paymentMethod: 'exempt', operatorCharge: 0 })).toThrow();
    expect(() => ledgerLinesFor({ totalFee: 1.5, paymentMethod: 'cash', operatorCharge: 0 })).toThrow();
  });

  it('always balances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('cash', 'cashless', 'card', 'postal_order') as fc.Arbitrary<'cash'>,
        fc.integer({ min: 0, max: 500 }),
        (totalFee, paymentMethod, operatorCharge) =>
          isBalanced(ledgerLinesFor({ totalFee, paymentMethod, operatorCharge })),
      ),
    );
  });
});
