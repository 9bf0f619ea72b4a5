/**
 * What a 利用者登録申請 may say, checked on the screen before anything is
 * sent so the person reads the problem in their own language next to the
 * field. The server's rules are the authority (src/channels/koseki-registration/
 * domain/typed-register.ts); a Node test holds these equal to them. No
 * imports: Node tests use this file as it is.
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

export const HONSEKI_MIN = 4;
export const HONSEKI_MAX = 100;
export const HITTOSHA_MAX = 40;

/** Each problem is a text key under kiosk.registration.problems. */
export type TypedProblem =
  | 'honsekiRequired'
  | 'honsekiLength'
  | 'honsekiChars'
  | 'honsekiPlace'
  | 'hittoshaRequired'
  | 'hittoshaLength'
  | 'hittoshaChars'
  | 'hittoshaName';

/** Characters as people count them: a variation selector belongs to the character before it. */
function characterCount(text: string): number {
  return [...text.replace(VARIATION_SELECTORS, '')].length;
}

function letters(text: string): number {
  return text.match(LETTER)?.length ?? 0;
}

/** The first problem of the typed 本籍, or null. */
export function honsekiProblem(typed: string): TypedProblem | null {
  const text = typed.trim();
  if (text === '') return 'honsekiRequired';
  const count = characterCount(text);
  if (count < HONSEKI_MIN || count > HONSEKI_MAX) return 'honsekiLength';
  if (!PLACE_CHARS.test(text)) return 'honsekiChars';
  if (letters(text) < 2) return 'honsekiPlace';
  return null;
}

/** The first problem of the typed 筆頭者, or null. */
export function hittoshaProblem(typed: string): TypedProblem | null {
  const text = typed.trim();
  if (text === '') return 'hittoshaRequired';
  if (characterCount(text) > HITTOSHA_MAX) return 'hittoshaLength';
  if (!NAME_CHARS.test(text)) return 'hittoshaChars';
  if (letters(text) < 2) return 'hittoshaName';
  return null;
}

/** The field a server detail names (`honseki`, `body.hittosha`, …), if it is one of the two typed. */
export function typedFieldOf(at: string | undefined): 'honseki' | 'hittosha' | null {
  if (!at) return null;
  const last = at.split('.').at(-1);
  return last === 'honseki' || last === 'hittosha' ? last : null;
}
