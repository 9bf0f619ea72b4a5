import { z } from 'zod';
import { isValidMunicipalityCode } from '../../../domain/check-digits.js';
import { foldAddress, foldKanji } from '../../../domain/text-fold.js';

/**
 * What an applicant may type at the kiosk for 本籍 and 筆頭者. A 本籍 is a
 * Japanese place (地番 or 街区符号): kanji, kana, digits and the dashes of
 * 「1番地の2」「1-2」; a 筆頭者 is a Japanese name: kanji and kana. Both may
 * carry ideographic variation selectors (the applicant's exact 異体字). The
 * text is kept as typed; only the search keys are folded.
 */
const VARIATION_SELECTOR = '\\u{FE00}-\\u{FE0F}\\u{E0100}-\\u{E01EF}';
const KANA_MARKS = 'ー々〆ヶヵゝゞヽヾ';
const SPACES = ' \\u3000';
const DASHES = '\\-‐‑‒–—―−－ｰ';
const DIGITS = '0-9０-９';

const NAME_CHARS = new RegExp(
  `^[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}${KANA_MARKS}${SPACES}${VARIATION_SELECTOR}]+$`,
  'u',
);
const PLACE_CHARS = new RegExp(
  `^[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}${KANA_MARKS}${SPACES}${DASHES}${DIGITS}・${VARIATION_SELECTOR}]+$`,
  'u',
);
const LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const VARIATION_SELECTORS = new RegExp(`[${VARIATION_SELECTOR}]`, 'gu');

/** Characters as people count them: code points, a variation selector belonging to the character before it. */
export function characterCount(text: string): number {
  return [...text.replace(VARIATION_SELECTORS, '')].length;
}

function letters(text: string): number {
  return text.match(LETTER)?.length ?? 0;
}

export const HONSEKI_MAX = 100;
export const HITTOSHA_MAX = 40;

export const honsekiText = z
  .string()
  .trim()
  .refine((s) => characterCount(s) >= 4 && characterCount(s) <= HONSEKI_MAX, {
    message: `4 to ${HONSEKI_MAX} characters`,
    params: { ja: `本籍は4文字以上${HONSEKI_MAX}文字以内で入力してください。` },
  })
  .refine((s) => PLACE_CHARS.test(s), {
    message: 'only kanji, kana, digits and dashes',
    params: { ja: '本籍には、漢字・かな・数字・「－」だけを使ってください。' },
  })
  .refine((s) => letters(s) >= 2, {
    message: 'a place name is needed',
    params: { ja: '本籍の地名を入力してください。' },
  });

export const hittoshaText = z
  .string()
  .trim()
  .refine((s) => characterCount(s) <= HITTOSHA_MAX, {
    message: `at most ${HITTOSHA_MAX} characters`,
    params: { ja: `筆頭者の氏名は${HITTOSHA_MAX}文字以内で入力してください。` },
  })
  .refine((s) => NAME_CHARS.test(s), {
    message: 'only kanji and kana',
    params: { ja: '筆頭者の氏名には、漢字とかなだけを使ってください。' },
  })
  .refine((s) => letters(s) >= 2, {
    message: 'family and given name',
    params: { ja: '筆頭者の氏と名を入力してください。' },
  });

export const municipalityCodeText = z.string().refine(isValidMunicipalityCode, {
  message: 'not a valid 地方公共団体コード',
  params: { ja: '地方公共団体コードが正しくありません。' },
});

export const applicationInputSchema = z.strictObject({
  /** The 本籍地 municipality the applicant chose on the screen. */
  municipalityCode: municipalityCodeText,
  honseki: honsekiText,
  hittosha: hittoshaText,
  /** A retried kiosk request with the same key gets the first application back. */
  idempotencyKey: z.string().refine((key) => /^[A-Za-z0-9._:-]{8,128}$/.test(key), {
    message: '8–128 letters, digits or . _ : -',
    params: { ja: '受付番号は英数字と . _ : - の8〜128文字です。' },
  }),
});

export type ApplicationInput = z.infer<typeof applicationInputSchema>;

/** The keys the registers are searched by, folded exactly as koseki.honseki_key / hittosha_key are. */
export function registerKeys(typed: { honseki: string; hittosha: string }) {
  return { honsekiKey: foldAddress(typed.honseki), hittoshaKey: foldKanji(typed.hittosha) };
}
