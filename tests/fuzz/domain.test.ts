/**
 * Property tests of the pure rules every boundary relies on: the check digits,
 * era dates, verification codes, search folding and ledger lines. Each takes
 * any string (or any number) without throwing anything but its own refusal,
 * and keeps its promise for every valid value, not only the examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidJuminhyoCode,
  isValidMunicipalityCode,
  isValidMyNumber,
  withJuminhyoCheck,
  withMunicipalityCheck,
  withMyNumberCheck,
} from '../../src/domain/check-digits.js';
import { formatEraDate, isIsoDate, parseEraDate } from '../../src/domain/japanese-era.js';
import { foldAddress, isVariantOf, kanaKey, nameKey } from '../../src/domain/text-fold.js';
import { isBalanced, ledgerLinesFor } from '../../src/issuance/domain/ledger.js';
import {
  newVerificationCode,
  normalizeVerificationCode,
} from '../../src/issuance/domain/verification-code.js';
import { hostileText } from './hostile.js';

const RUNS = Math.round(2000 * Number(process.env.MADOGUCHI_FUZZ_RUNS ?? 2)) / 2;
const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 60 }));

/** Dates from 明治6年1月1日 (the Gregorian calendar's first day in Japan) to 2099. */
const isoDate = fc
  .date({ min: new Date('1873-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('check digits', () => {
  it.each([
    ['地方公共団体コード', 5, withMunicipalityCheck, isValidMunicipalityCode],
    ['住民票コード', 10, withJuminhyoCheck, isValidJuminhyoCode],
    ['個人番号', 11, withMyNumberCheck, isValidMyNumber],
  ] as const)(
    '%s: every base with its digit is valid, every other last digit is not',
    (_, length, withCheck, isValid) => {
      fc.assert(
        fc.property(digits(length), fc.integer({ min: 1, max: 9 }), (base, shift) => {
          const code = withCheck(base);
          expect(isValid(code)).toBe(true);
          const wrong = code.slice(0, -1) + String((Number(code.at(-1)) + shift) % 10);
          expect(isValid(wrong)).toBe(false);
          // One digit swapped with its neighbour, when that changes the code, is caught too (a typing slip)…
          // …not always for every algorithm, so only: never throws and stays boolean.
          expect(typeof isValid(`${code.slice(1)}${code[0]}`)).toBe('boolean');
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('refuses any text that is not exactly the right number of digits, without throwing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const isValid of [isValidMunicipalityCode, isValidJuminhyoCode, isValidMyNumber]) {
          const valid = isValid(text);
          if (valid) expect(text).toMatch(/^[0-9]+$/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Japanese era dates', () => {
  it('print and parse back every date, 明治 to 令和', () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(parseEraDate(formatEraDate(iso))).toBe(iso);
        expect(parseEraDate(formatEraDate(iso, { fullWidth: true }))).toBe(iso);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse a 13th month, a 32nd day, year 0, and any year past its era', () => {
    const impossible = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('明治', '大正', '昭和', '平成', '令和'),
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 13, max: 99 }),
          fc.integer({ min: 1, max: 28 }),
        )
        .map(([era, y, m, d]) => `${era}${y}年${m}月${d}日`),
      fc
        .tuple(
          fc.constantFrom('昭和', '平成', '令和'),
          fc.integer({ min: 1, max: 30 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 32, max: 99 }),
        )
        .map(([era, y, m, d]) => `${era}${y}年${m}月${d}日`),
      fc.constantFrom('令和0年1月1日', '平成0年1月1日'),
      // Past the end: 明治45年7月30日 → 大正, 大正15年12月25日 → 昭和, 昭和64年1月7日 → 平成, 平成31年4月30日 → 令和.
      fc
        .tuple(
          fc.constantFrom(['明治', 46], ['大正', 16], ['昭和', 65], ['平成', 32]),
          fc.integer({ min: 0, max: 40 }),
        )
        .map(([[era, first], extra]) => `${era}${Number(first) + extra}年1月1日`),
      fc.constantFrom(
        '平成31年5月1日',
        '昭和64年1月8日',
        '大正15年12月26日',
        '明治45年7月30日',
        'R0.1.1',
        'H31.5.1',
        'S64.1.8',
      ),
    );
    fc.assert(
      fc.property(impossible, (text) => {
        expect(() => parseEraDate(text), text).toThrow(RangeError);
      }),
      { numRuns: RUNS },
    );
  });

  it('throw nothing but a RangeError on any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const iso = parseEraDate(text);
          expect(isIsoDate(iso)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('verification codes', () => {
  it('normalise any text to a well-formed code or to nothing, never throwing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const code = normalizeVerificationCode(text);
        if (code !== undefined) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('read back every issued code however it is typed (lower case, no dashes, O for 0, I or L for 1)', () => {
    fc.assert(
      fc.property(fc.constant(null), fc.boolean(), fc.boolean(), (_, lower, compact) => {
        const code = newVerificationCode();
        let typed = compact ? code.replace(/-/g, '') : code;
        typed = typed.replace(/0/g, 'O').replace(/1/g, 'l');
        if (lower) typed = typed.toLowerCase();
        expect(normalizeVerificationCode(`  ${typed} `)).toBe(code);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('search folding', () => {
  it('folds any text without throwing, the same way every time, and a name is a variant of itself', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(nameKey(a, b)).toBe(nameKey(a, b));
        expect(typeof kanaKey(a, b)).toBe('string');
        expect(foldAddress(a)).toBe(foldAddress(a));
        expect(isVariantOf(a, a)).toBe(true);
      }),
      // Some inputs are 300,000 characters: fewer runs keep this under a few seconds.
      { numRuns: Math.round(RUNS / 4) },
    );
  });
});

describe('ledger lines', () => {
  it('balance to the yen for any fee and operator charge, and refuse what is not whole yen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('cash', 'cashless', 'card', 'postal_order') as fc.Arbitrary<'cash'>,
        (fee, charge, paymentMethod) => {
          const lines = ledgerLinesFor({ totalFee: fee, paymentMethod, operatorCharge: charge });
          expect(isBalanced(lines)).toBe(true);
          expect(lines.filter((l) => l.account === 'fee_income').reduce((s, l) => s + l.credit, 0)).toBe(fee);
        },
      ),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.oneof(fc.double({ noInteger: true }), fc.integer({ max: -1 })), (fee) => {
        expect(() => ledgerLinesFor({ totalFee: fee, paymentMethod: 'cash', operatorCharge: 0 })).toThrow(
          RangeError,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
