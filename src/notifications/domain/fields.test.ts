import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { withJuminhyoCheck, withMyNumberCheck } from '../../domain/check-digits.js';
import {
  domesticAddressProblem,
  isKana,
  juminhyoCode,
  kanaText,
  myNumber,
  nameText,
  normalizePostalCode,
  toKatakana,
} from './fields.js';

describe('questionnaire fields', () => {
  it('accepts kana in hiragana, katakana or half width and stores full-width katakana', () => {
    expect(isKana('やまだ')).toBe(true);
    expect(isKana('ヤマダ')).toBe(true);
    expect(isKana('ﾔﾏﾀﾞ')).toBe(true);
    expect(isKana('山田')).toBe(false);
    expect(isKana('yamada')).toBe(false);
    expect(isKana('・')).toBe(false);
    expect(kanaText().parse('やまだ')).toBe('ヤマダ');
    expect(kanaText().parse('ﾔﾏﾀﾞ')).toBe('ヤマダ');
    expect(toKatakana('じょん すみす')).toBe('ジョン　スミス');
  });

  it('keeps names exactly, refusing surrounding spaces rather than trimming them', () => {
    expect(nameText().parse('𠮷田')).toBe('𠮷田');
    expect(nameText().parse('葛\u{E0100}子')).toBe('葛\u{E0100}子');
    expect(nameText().safeParse(' 山田').success).toBe(false);
    expect(nameText().safeParse('山田\u0000').success).toBe(false);
    expect(nameText(3).safeParse('𠮷𠮷𠮷').success).toBe(true);
  });

  it('normalises postal codes and refuses other shapes', () => {
    expect(normalizePostalCode('〒123-4567')).toBe('1234567');
    expect(normalizePostalCode('１２３４５６７')).toBe('1234567');
    expect(normalizePostalCode('123-456')).toBeUndefined();
  });

  it('checks the address form: prefecture, municipality, number', () => {
    expect(domesticAddressProblem('見本県見本市本町二丁目3番4号')).toBeUndefined();
    expect(domesticAddressProblem('東京都千代田区千代田1番1号')).toBeUndefined();
    expect(domesticAddressProblem('北海道札幌市中央区北1条西2丁目')).toBeUndefined();
    expect(domesticAddressProblem('見本市本町二丁目3番4号')?.en).toMatch(/prefecture/);
    expect(domesticAddressProblem('東京都丸の内1番')?.en).toMatch(/city/);
    expect(domesticAddressProblem('東京都千代田区千代田')?.en).toMatch(/number/);
  });

  it('checks the check digits of 住民票コード and 個人番号, in Japanese too', () => {
    const code = withJuminhyoCheck('1234567890');
    expect(juminhyoCode().parse(code)).toBe(code);
    const wrong = code.slice(0, 10) + String((Number(code[10]) + 1) % 10);
    const result = juminhyoCode().safeParse(wrong);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0] as z.core.$ZodIssue & { params?: { ja?: string } };
    expect(issue.params?.ja).toMatch(/検査数字/);
    const number = withMyNumberCheck('12345678901');
    expect(myNumber().parse(`${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`)).toBe(number);
  });
});
