import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { assertStep, mailBalance } from './mail-money.js';

describe('mail money', () => {
  it('before the check nothing is due, missing or in excess', () => {
    expect(mailBalance([{ kind: 'enclosed', amount: 300 }], 0, null, false)).toMatchObject({
      received: 300,
      held: 300,
      shortfall: 0,
      excess: 0,
    });
  });

  it('a shortfall is what the orders kept do not cover; orders sent later close it', () => {
    const letter = [{ kind: 'enclosed' as const, amount: 300 }];
    expect(mailBalance(letter, 0, 750, false)).toMatchObject({ shortfall: 450, excess: 0 });
    const topped = [...letter, { kind: 'additional' as const, amount: 500 }];
    expect(mailBalance(topped, 0, 750, false)).toMatchObject({ held: 800, shortfall: 0, excess: 50 });
  });

  it('once issued, the excess is measured against what was charged and a refund settles it', () => {
    const money = [
      { kind: 'enclosed' as const, amount: 1000 },
      { kind: 'refund' as const, amount: 250 },
    ];
    expect(mailBalance(money, 750, 750, true)).toMatchObject({
      received: 1000,
      refunded: 250,
      held: 750,
      charged: 750,
      shortfall: 0,
      excess: 0,
    });
    expect(mailBalance(money.slice(0, 1), 750, 750, true).excess).toBe(250);
  });

  it('allows only the steps of the state machine', () => {
    expect(() => assertStep('issue', 'checked')).not.toThrow();
    for (const [step, status] of [
      ['issue', 'received'],
      ['post', 'checked'],
      ['return', 'issued'],
      ['check', 'posted'],
      ['remit', 'returned'],
    ] as const) {
      const error = (() => {
        try {
          assertStep(step, status);
        } catch (e) {
          return e;
        }
      })();
      expect(error, `${step} from ${status}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('mail_wrong_state');
    }
  });
});
