import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidJuminhyoCode,
  isValidMunicipalityCode,
  isValidMyNumber,
  juminhyoCodeCheckDigit,
  municipalityCheckDigit,
  myNumberCheckDigit,
  withJuminhyoCheck,
  withMunicipalityCheck,
  withMyNumberCheck,
} from './check-digits.js';

/** Every single-digit substitution of a valid number. */
function singleDigitErrors(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++)
    for (let d = 0; d <= 9; d++)
      if (String(d) !== value[i]) out.push(value.slice(0, i) + d + value.slice(i + 1));
  return out;
}

const remainder = (code: string) =>
  [...code.slice(0, 5)].reduce((acc, c, i) => acc + Number(c) * (6 - i), 0) % 11;

describe('地方公共団体コード', () => {
  it('accepts real codes and the demo town', () => {
    expect(municipalityCheckDigit('08208')).toBe(2);
    expect(isValidMunicipalityCode('082082')).toBe(true); // 龍ヶ崎市
    expect(isValidMunicipalityCode('131016')).toBe(true); // 千代田区
    expect(isValidMunicipalityCode('999997')).toBe(true);
  });

  it('rejects malformed input', () => {
    for (const bad of ['', '08208', '0820821', '08208a', '０８２０８２', ' 82082'])
      expect(isValidMunicipalityCode(bad)).toBe(false);
  });

  it('rejects every single-digit error except the ones the official rule folds together', () => {
    // The rule takes the ones digit of 11 − r, so remainders 0 and 10 both give 1:
    // an error moving the sum between them is undetectable by design.
    for (let n = 0; n < 100000; n += 31) {
      const code = withMunicipalityCheck(String(n).padStart(5, '0'));
      for (const wrong of singleDigitErrors(code)) {
        const folded =
          wrong.slice(5) === code.slice(5) &&
          new Set([remainder(code), remainder(wrong)]).size === 2 &&
          [0, 10].includes(remainder(code)) &&
          [0, 10].includes(remainder(wrong));
        expect(isValidMunicipalityCode(wrong), `${code} → ${wrong}`).toBe(folded);
      }
    }
  });
});

describe('個人番号', () => {
  it('computes the check digit of the published example', () => {
    // The Cabinet Office's worked example: 12345678901 → 8.
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789019')).toBe(false);
  });

  it('rejects every single-digit error that changes the remainder class', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11}$/), (body) => {
        const number = withMyNumberCheck(body);
        expect(isValidMyNumber(number)).toBe(true);
        for (const wrong of singleDigitErrors(number)) {
          const undetectable =
            wrong.slice(11) === number.slice(11) &&
            myNumberCheckDigit(wrong.slice(0, 11)) === Number(number[11]);
          // Only the 0/1 fold (both give check digit 0) can hide an error.
          if (undetectable) expect(Number(number[11])).toBe(0);
          expect(isValidMyNumber(wrong)).toBe(undetectable);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('住民票コード', () => {
  it('round-trips generated codes and rejects single-digit errors outside the 0/1 fold', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), (body) => {
        const code = withJuminhyoCheck(body);
        expect(isValidJuminhyoCode(code)).toBe(true);
        for (const wrong of singleDigitErrors(code)) {
          const undetectable =
            wrong.slice(10) === code.slice(10) &&
            juminhyoCodeCheckDigit(wrong.slice(0, 10)) === Number(code[10]);
          if (undetectable) expect(Number(code[10])).toBe(0);
          expect(isValidJuminhyoCode(wrong)).toBe(undetectable);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('detects nearly all single-digit typos: only the 0/1 fold hides any', () => {
    let detected = 0;
    let total = 0;
    for (let n = 0; n < 20000; n += 13) {
      const code = withJuminhyoCheck(
        String(n * 7919)
          .padStart(10, '0')
          .slice(-10),
      );
      for (const wrong of singleDigitErrors(code)) {
        total++;
        if (!isValidJuminhyoCode(wrong)) detected++;
      }
    }
    // Undetectable errors exist only through the 0/1 fold: a small share.
    expect(detected / total).toBeGreaterThan(0.97);
  });
});
