/**
 * Check digits of the three public identifiers. Each is a weighted sum modulo
 * 11; the official rules fold two remainders onto one digit (0 and 1 → 0, or
 * 0 and 10 → 1), so a few single-digit errors are undetectable by design.
 * The tests count exactly those and reject every other one.
 */

const DIGITS = /^[0-9]+$/;

function digitsOf(value: string): number[] {
  return [...value].map((c) => c.charCodeAt(0) - 48);
}

/** 地方公共団体コード: weights 6,5,4,3,2; check = the ones digit of 11 − (sum mod 11). */
export function municipalityCheckDigit(firstFive: string): number {
  if (firstFive.length !== 5 || !DIGITS.test(firstFive)) throw new RangeError('five digits expected');
  const d = digitsOf(firstFive);
  const sum = d.reduce((acc, digit, i) => acc + digit * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  return (
    code.length === 6 && DIGITS.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5])
  );
}

/**
 * 個人番号 (12 digits): P_n is the n-th digit from the right of the first
 * eleven, Q_n = n + 1 for n ≤ 6 and n − 5 for n ≥ 7; check = 0 when the sum
 * mod 11 is at most 1, otherwise 11 minus it (府省令 of 2014).
 */
export function myNumberCheckDigit(firstEleven: string): number {
  if (firstEleven.length !== 11 || !DIGITS.test(firstEleven)) throw new RangeError('eleven digits expected');
  const d = digitsOf(firstEleven);
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = d[11 - n]!;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(value: string): boolean {
  return (
    value.length === 12 && DIGITS.test(value) && myNumberCheckDigit(value.slice(0, 11)) === Number(value[11])
  );
}

/**
 * 住民票コード (11 digits): weights 6,5,4,3,2,7,6,5,4,3 on the first ten
 * (modulus 11, weights 2–7 cycling from the right); check = 0 when the sum mod
 * 11 is at most 1, otherwise 11 minus it.
 */
const JUMINHYO_WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3];

export function juminhyoCodeCheckDigit(firstTen: string): number {
  if (firstTen.length !== 10 || !DIGITS.test(firstTen)) throw new RangeError('ten digits expected');
  const d = digitsOf(firstTen);
  const sum = d.reduce((acc, digit, i) => acc + digit * JUMINHYO_WEIGHTS[i]!, 0);
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidJuminhyoCode(value: string): boolean {
  return (
    value.length === 11 &&
    DIGITS.test(value) &&
    juminhyoCodeCheckDigit(value.slice(0, 10)) === Number(value[10])
  );
}

/** Appends the right check digit: for generators and tests. */
export function withMunicipalityCheck(firstFive: string) {
  return firstFive + municipalityCheckDigit(firstFive);
}
export function withMyNumberCheck(firstEleven: string) {
  return firstEleven + myNumberCheckDigit(firstEleven);
}
export function withJuminhyoCheck(firstTen: string) {
  return firstTen + juminhyoCodeCheckDigit(firstTen);
}
