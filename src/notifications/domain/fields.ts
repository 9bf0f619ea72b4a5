/**
 * Field rules of the questionnaire, as zod schemas with Japanese messages
 * (params.ja, read by src/shared/validation.ts). What a phone sends is made
 * canonical where a person would not notice the difference — full-width digits,
 * 〒 and hyphens in postal codes, hiragana or half-width kana in ふりがな — but a
 * name is kept exactly as typed: variant kanji and variation selectors included.
 */
import { z } from 'zod';
import { isValidJuminhyoCode, isValidMunicipalityCode, isValidMyNumber } from '../../domain/check-digits.js';
import { isIsoDate } from '../../domain/japanese-era.js';

// Control characters (and NUL, which jsonb refuses) never belong in a form field.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const ja = (text: string) => ({ params: { ja: text } });

// Length checks as refinements: only these carry a Japanese message (params.ja) through zod.
const required = { message: 'required', ...ja('入力してください。') };
const atMost = (max: number) => ({
  message: `at most ${max} characters`,
  ...ja(`${max}文字以内で入力してください。`),
});

/** Free text: trimmed, no control characters, bounded. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v.length > 0, required)
    .refine((v) => [...v].length <= max, atMost(max))
    .refine((v) => !CONTROL.test(v), {
      message: 'contains control characters',
      ...ja('使えない文字が含まれています。'),
    });

/** A name as registered: kept byte for byte, so no trimming — surrounding spaces are refused instead. */
export const nameText = (max = 40) =>
  z
    .string()
    .refine((v) => v.length > 0, required)
    .refine((v) => [...v].length <= max, atMost(max))
    .refine((v) => !CONTROL.test(v), {
      message: 'contains control characters',
      ...ja('使えない文字が含まれています。'),
    })
    .refine((v) => v.trim() === v && !/^[\s　]|[\s　]$/.test(v), {
      message: 'no spaces before or after the name',
      ...ja('前後に空白を入れないでください。'),
    });

/** Hiragana, katakana (full or half width), the long-vowel mark, the middle dot, inner spaces. */
const KANA = /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FC-\u30FE\u30FB\uFF66-\uFF9F・ー 　]+$/;

/** ふりがな in the register's form: full-width katakana. */
export function toKatakana(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFKC')) {
    const code = ch.charCodeAt(0);
    out += code >= 0x3041 && code <= 0x3096 ? String.fromCharCode(code + 0x60) : ch;
  }
  return out.replace(/ゝ/g, 'ヽ').replace(/ゞ/g, 'ヾ').replace(/ /g, '　');
}

export function isKana(value: string): boolean {
  return KANA.test(value) && /[^ 　・]/.test(value);
}

export const kanaText = (max = 60) =>
  z
    .string()
    .trim()
    .refine((v) => v.length > 0, required)
    .refine((v) => [...v].length <= max, atMost(max))
    .refine(isKana, {
      message: 'must be written in kana',
      ...ja('ふりがなは、ひらがな又はカタカナで入力してください。'),
    })
    .transform(toKatakana);

export const isoDate = () =>
  z.string().refine(isIsoDate, { message: 'not a date (YYYY-MM-DD)', ...ja('日付が正しくありません。') });

/** Digits as a person types them: full width, spaces and hyphens allowed. */
export function digitsOf(value: string): string {
  return value.normalize('NFKC').replace(/[\s\-‐ー−]/g, '');
}

const digitCode = (length: number, valid: (v: string) => boolean, name: { ja: string; en: string }) =>
  z
    .string()
    .transform(digitsOf)
    .refine((v) => new RegExp(`^[0-9]{${length}}$`).test(v), {
      message: `the ${name.en} is ${length} digits`,
      ...ja(`${name.ja}は${length}桁の数字です。`),
    })
    .refine(valid, {
      message: `the check digit (last digit) of the ${name.en} does not match`,
      ...ja(`${name.ja}の検査数字（最後の桁）が一致しません。番号をお確かめください。`),
    });

export const juminhyoCode = () =>
  digitCode(11, isValidJuminhyoCode, { ja: '住民票コード', en: 'juminhyo code' });
export const myNumber = () => digitCode(12, isValidMyNumber, { ja: '個人番号', en: 'My Number' });
export const municipalityCode = () =>
  digitCode(6, isValidMunicipalityCode, { ja: '地方公共団体コード', en: 'municipality code' });

/** 〒123-4567, １２３４５６７ … → 1234567 */
export function normalizePostalCode(value: string): string | undefined {
  const m = /^〒?\s*([0-9]{3})[-‐ー−]?([0-9]{4})$/.exec(value.normalize('NFKC').trim());
  return m ? m[1]! + m[2]! : undefined;
}

export const postalCode = () =>
  z.string().transform((v, ctx) => {
    const normalized = normalizePostalCode(v);
    if (normalized) return normalized;
    ctx.addIssue({
      code: 'custom',
      message: 'a postal code is 7 digits (123-4567 also accepted)',
      params: { ja: '郵便番号は7桁の数字です（123-4567 の形も可）。' },
    });
    return z.NEVER;
  });

const PREFECTURE = /^(北海道|東京都|京都府|大阪府|[^\s\d０-９]{1,3}県)/;

/**
 * The shape of a Japanese address: a prefecture first, then a city, ward, town
 * or village (or a county), and a number (番地 or digits). A building's name and
 * room go to 方書 (katagaki).
 */
export function domesticAddressProblem(address: string): { ja: string; en: string } | undefined {
  const prefecture = PREFECTURE.exec(address);
  if (!prefecture)
    return {
      ja: '住所は都道府県名から入力してください。',
      en: 'Start the address with the prefecture.',
    };
  const rest = address.slice(prefecture[0].length);
  if (!/[市区町村郡]/.test(rest))
    return {
      ja: '住所に市区町村名がありません。',
      en: 'The address has no city, ward, town or village.',
    };
  if (!/[0-9０-９一二三四五六七八九十]/.test(rest))
    return {
      ja: '住所に番地がありません。',
      en: 'The address has no block or lot number.',
    };
  return undefined;
}

export const phoneNumber = () =>
  z
    .string()
    .transform((v) => v.normalize('NFKC').trim())
    .refine((v) => /^[0-9(+][0-9\-() ]{8,18}[0-9]$/.test(v), {
      message: 'not a telephone number',
      ...ja('電話番号の形式ではありません。'),
    });
