import { z } from 'zod';
import { isValidJuminhyoCode, isValidMunicipalityCode, isValidMyNumber } from '../../domain/check-digits.js';
import { isIsoDate, parseEraDate } from '../../domain/japanese-era.js';

/**
 * Field parsers shared by the row schemas: each takes the cell as text and
 * yields the stored value, or a custom issue with an English message and a
 * Japanese one in params.ja. Stored text (names, addresses) is kept exactly as
 * written: it is checked, never trimmed or normalised. Codes, dates, numbers
 * and choices are read leniently (full-width digits, surrounding spaces)
 * because their stored form is canonical anyway.
 */

export interface Reason {
  ja: string;
  en: string;
}

type Ctx = z.core.$RefinementCtx;

export function reject(ctx: Ctx, reason: Reason, path?: (string | number)[]): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: reason.en, params: { ja: reason.ja }, ...(path ? { path } : {}) });
  return z.NEVER;
}

const REQUIRED: Reason = { ja: '必須の項目が空です。', en: 'a required value is empty.' };

const isBlank = (value: string) => value.trim() === '';
/** Canonical form for codes, numbers, dates and choices (full-width digits → ASCII). */
const canonical = (value: string) => value.normalize('NFKC').trim();

// C0/C1 controls other than the line breaks allowed in free text; tab included.
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\r\n]/;
// Private use areas: 外字 of old municipal systems, meaningless outside them.
const PRIVATE_USE = /[\uE000-\uF8FF]|[\uDB80-\uDBFF][\uDC00-\uDFFF]/;
const EDGE_SPACE = /^[\s\u3000]|[\s\u3000]$/;

export const codePointLength = (value: string) => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

function checkStoredText(value: string, ctx: Ctx, options: { max: number; multiline: boolean }): boolean {
  if (EDGE_SPACE.test(value)) {
    reject(ctx, {
      ja: '先頭または末尾に空白があります（氏名・住所などはそのまま保存するため、空白を取り除いてください）。',
      en: 'leading or trailing white space (names and addresses are stored exactly as written, so remove it).',
    });
    return false;
  }
  if (CONTROL.test(value) || (!options.multiline && LINE_BREAK.test(value))) {
    reject(ctx, {
      ja: options.multiline ? '制御文字が含まれています。' : '改行またはタブなどの制御文字が含まれています。',
      en: options.multiline
        ? 'contains a control character.'
        : 'contains a line break, tab or other control character.',
    });
    return false;
  }
  if (PRIVATE_USE.test(value)) {
    reject(ctx, {
      ja: '外字（私用領域の文字）が含まれています。MJ文字・Unicodeの文字に置き換えてから取り込んでください。',
      en: 'contains a private-use character (gaiji); map it to its MJ/Unicode character first.',
    });
    return false;
  }
  if (value.includes('\uFFFD')) {
    reject(ctx, {
      ja: '置換文字（U+FFFD）が含まれています。文字化けした可能性があります。',
      en: 'contains the replacement character U+FFFD; the text was probably garbled before export.',
    });
    return false;
  }
  if (codePointLength(value) > options.max) {
    reject(ctx, { ja: `${options.max}文字を超えています。`, en: `longer than ${options.max} characters.` });
    return false;
  }
  return true;
}

/** Text stored as written (names, addresses, free text). */
export function text(options: { max: number; multiline?: boolean }) {
  return z.string().transform((value, ctx) => {
    if (isBlank(value)) return reject(ctx, REQUIRED);
    return checkStoredText(value, ctx, { max: options.max, multiline: options.multiline ?? false })
      ? value
      : z.NEVER;
  });
}

export function optionalText(options: { max: number; multiline?: boolean }) {
  return z.string().transform((value, ctx): string | null => {
    if (isBlank(value)) return null;
    return checkStoredText(value, ctx, { max: options.max, multiline: options.multiline ?? false })
      ? value
      : z.NEVER;
  });
}

// Katakana (with ・ ー ゠ ヽ ヾ), hiragana (with combining marks), small katakana
// extensions, half-width katakana, inner spaces, and = for foreign names.
const KANA = /^[\u30A0-\u30FF\u3041-\u309F\u31F0-\u31FF\uFF65-\uFF9F \u3000=＝]+$/;

export function kana(options: { max: number }) {
  return z.string().transform((value, ctx) => {
    if (isBlank(value)) return reject(ctx, REQUIRED);
    if (!checkStoredText(value, ctx, { max: options.max, multiline: false })) return z.NEVER;
    if (!KANA.test(value)) {
      return reject(ctx, {
        ja: 'カタカナ（またはひらがな）以外の文字が含まれています。',
        en: 'contains characters other than katakana or hiragana.',
      });
    }
    return value;
  });
}

type Check<T> = (raw: string, ctx: Ctx) => T;

const required = <T>(check: Check<T>) =>
  z.string().transform((raw, ctx): T => (isBlank(raw) ? reject(ctx, REQUIRED) : check(raw, ctx)));
const optionalOf = <T>(check: Check<T>) =>
  z.string().transform((raw, ctx): T | null => (isBlank(raw) ? null : check(raw, ctx)));

function digitCode(length: number, valid: (code: string) => boolean, name: Reason): Check<string> {
  const shape = new RegExp(`^[0-9]{${length}}$`);
  return (raw, ctx) => {
    const value = canonical(raw);
    if (!shape.test(value)) {
      return reject(ctx, {
        ja: `${name.ja}は${length}桁の数字です。`,
        en: `the ${name.en} must be ${length} digits.`,
      });
    }
    if (!valid(value)) {
      return reject(ctx, {
        ja: `${name.ja}の検査数字（最後の桁）が一致しません。`,
        en: `the check digit (last digit) of the ${name.en} does not match.`,
      });
    }
    return value;
  };
}

const checkJuminhyoCode = digitCode(11, isValidJuminhyoCode, { ja: '住民票コード', en: 'juminhyo code' });
export const juminhyoCode = () => required(checkJuminhyoCode);
export const optionalJuminhyoCode = () => optionalOf(checkJuminhyoCode);
export const myNumber = () => optionalOf(digitCode(12, isValidMyNumber, { ja: '個人番号', en: 'My Number' }));
export const municipalityCode = () =>
  required(digitCode(6, isValidMunicipalityCode, { ja: '地方公共団体コード', en: 'municipality code' }));

const checkPostalCode: Check<string> = (raw, ctx) => {
  const m = /^〒?\s*([0-9]{3})-?([0-9]{4})$/.exec(canonical(raw).replace(/[‐ー−]/g, '-'));
  if (!m) {
    return reject(ctx, {
      ja: '郵便番号は7桁の数字です（123-4567 の形も可）。',
      en: 'a postal code is 7 digits (123-4567 also accepted).',
    });
  }
  return m[1]! + m[2]!;
};
export const postalCode = () => required(checkPostalCode);

/** Telephone numbers: digits with hyphens or parentheses, as printed on certificates. */
const checkPhone: Check<string> = (raw, ctx) => {
  const value = canonical(raw);
  if (!/^[0-9(][0-9\-()]{8,18}[0-9]$/.test(value)) {
    return reject(ctx, { ja: '電話番号の形式ではありません。', en: 'not a telephone number.' });
  }
  return value;
};
export const phone = () => required(checkPhone);

/** A positive whole number used as a key (宛名番号, 世帯番号 …). */
const checkId =
  (min: number): Check<number> =>
  (raw, ctx) => {
    const value = canonical(raw);
    const n = Number(value);
    if (!/^[0-9]{1,15}$/.test(value) || n < min) {
      return reject(ctx, {
        ja: `${min}以上の整数（15桁まで）で書いてください。`,
        en: `must be a whole number of at least ${min} (at most 15 digits).`,
      });
    }
    return n;
  };

export const id = (options: { min?: number } = {}) => required(checkId(options.min ?? 1));
export const optionalId = () => optionalOf(checkId(1));

/** Yen and counts: a whole number ≥ 0, thousands separators allowed; blank is 0. */
export function amount(options: { max?: number } = {}) {
  const max = options.max ?? 999_999_999_999;
  return z.string().transform((raw, ctx) => {
    if (isBlank(raw)) return 0;
    const value = canonical(raw);
    if (!/^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$/.test(value) || Number(value.replace(/,/g, '')) > max) {
      return reject(ctx, {
        ja: `0以上${max.toLocaleString('ja-JP')}以下の整数で書いてください。`,
        en: `must be a whole number from 0 to ${max}.`,
      });
    }
    return Number(value.replace(/,/g, ''));
  });
}

const EARLIEST = '1868-01-25'; // 明治 starts; no register holds an earlier date
const LATEST = '2999-12-31';

/** ISO 2024-02-09, 2024/2/9, 20240209, or an era date 令和6年2月9日 / R6.2.9 → ISO. */
export function toIsoDate(raw: string): string | null {
  const value = canonical(raw);
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  try {
    return parseEraDate(value);
  } catch {
    return null;
  }
}

function checkDate(raw: string, ctx: Ctx): string {
  const iso = toIsoDate(raw);
  if (!iso) {
    return reject(ctx, {
      ja: '日付として読めません（2024-02-09、2024/2/9、令和6年2月9日、R6.2.9 のいずれかの形で、実在する日付を書いてください）。',
      en: 'not a date (write an existing date as 2024-02-09, 2024/2/9, 令和6年2月9日 or R6.2.9).',
    });
  }
  if (iso < EARLIEST || iso > LATEST) {
    return reject(ctx, {
      ja: '日付が範囲外です（明治以降）。',
      en: 'the date is out of range (明治 era or later).',
    });
  }
  return iso;
}

export const date = () => required(checkDate);
export const optionalDate = () => optionalOf(checkDate);

const SEXES: Record<string, 'M' | 'F'> = {
  m: 'M',
  f: 'F',
  男: 'M',
  女: 'F',
  '1': 'M',
  '2': 'F',
  男性: 'M',
  女性: 'F',
};

export function sex() {
  return z.string().transform((raw, ctx) => {
    if (isBlank(raw)) return reject(ctx, REQUIRED);
    const value = SEXES[canonical(raw).toLowerCase()];
    return (
      value ??
      reject(ctx, {
        ja: '性別は 男・女（M・F、1・2）で書いてください。',
        en: 'sex must be M or F (男/女, 1/2).',
      })
    );
  });
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'はい', '有', 'あり', '○']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'いいえ', '無', 'なし', '']);

export function flag() {
  return z.string().transform((raw, ctx) => {
    const value = canonical(raw).toLowerCase();
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    return reject(ctx, {
      ja: '1/0（はい/いいえ、有/無）で書いてください。空欄は「いいえ」です。',
      en: 'write 1 or 0 (yes/no); blank means no.',
    });
  });
}

/** A choice written either as its stored code or its Japanese label. */
export function choice<T extends string>(
  labels: Record<T, readonly string[]>,
  options: { default?: NoInfer<T> } = {},
) {
  const lookup = new Map<string, T>();
  for (const [code, names] of Object.entries(labels) as [T, readonly string[]][]) {
    lookup.set(code.toLowerCase(), code);
    for (const name of names) lookup.set(name.normalize('NFKC'), code);
  }
  const allowed = (Object.entries(labels) as [T, readonly string[]][])
    .map(([code, names]) => `${names[0] ?? code}（${code}）`)
    .join('、');
  return z.string().transform((raw, ctx): T => {
    if (isBlank(raw)) return options.default ?? reject(ctx, REQUIRED);
    const value = canonical(raw);
    const found = lookup.get(value) ?? lookup.get(value.toLowerCase());
    return (
      found ??
      reject(ctx, { ja: `次のいずれかを書いてください: ${allowed}`, en: `must be one of: ${allowed}` })
    );
  });
}

/** 詳細: a JSON object (blank is {}); kept small, it is not a document store. */
export function details() {
  return z.string().transform((raw, ctx): Record<string, unknown> => {
    if (isBlank(raw)) return {};
    if (raw.length > 4000)
      return reject(ctx, { ja: '4000文字を超えています。', en: 'longer than 4000 characters.' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return reject(ctx, { ja: 'JSON として読めません。', en: 'not valid JSON.' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return reject(ctx, {
        ja: 'JSON のオブジェクト（{…}）で書いてください。',
        en: 'must be a JSON object ({…}).',
      });
    }
    if (/\\u0000/.test(raw)) {
      return reject(ctx, { ja: 'NUL 文字は使えません。', en: 'the NUL character is not allowed.' });
    }
    return parsed as Record<string, unknown>;
  });
}

/** 課税年度: 2024, 令和6, R6, 令和6年度, 令和元年度. */
export function taxYear() {
  return z.string().transform((raw, ctx) => {
    if (isBlank(raw)) return reject(ctx, REQUIRED);
    const value = canonical(raw).replace(/年度?$/, '');
    let year: number | null = null;
    if (/^\d{4}$/.test(value)) year = Number(value);
    else {
      const m = /^(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})$/i.exec(value);
      if (m) {
        const era = m[1]!.toUpperCase();
        const base = era === '令和' || era === 'R' ? 2018 : era === '平成' || era === 'H' ? 1988 : 1925;
        year = base + (m[2] === '元' ? 1 : Number(m[2]));
      }
    }
    if (year === null || year < 1950 || year > 2999) {
      return reject(ctx, {
        ja: '課税年度は西暦4桁か和暦（令和6、R6、令和6年度）で書いてください。',
        en: 'the tax year must be a four-digit year or an era year (令和6, R6, 令和6年度).',
      });
    }
    return year;
  });
}
