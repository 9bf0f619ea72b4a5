import { describe, expect, it } from 'vitest';
import { newVerificationCode, normalizeVerificationCode } from './verification-code.js';

describe('verification codes', () => {
  it('are 20 unambiguous characters in groups of four, and unique', () => {
    const codes = new Set(Array.from({ length: 2000 }, newVerificationCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it('accept what people type: lower case, no dashes, O for zero, full width', () => {
    const code = '0ABC-1DEF-2GHJ-3KMN-4PQR';
    expect(normalizeVerificationCode('0abc1def2ghj3kmn4pqr')).toBe(code);
    expect(normalizeVerificationCode('OABC-IDEF-2GHJ-3KMN-4PQR')).toBe(code);
    expect(normalizeVerificationCode('０ＡＢＣ－１ＤＥＦ－２ＧＨＪ－３ＫＭＮ－４ＰＱＲ')).toBe(code);
    expect(normalizeVerificationCode('0ABC-1DEF')).toBeUndefined();
    expect(normalizeVerificationCode("0ABC-1DEF-2GHJ-3KMN-4PQ'")).toBeUndefined();
  });
});
