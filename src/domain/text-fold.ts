/**
 * Folding for search keys only. Stored names are never normalised: a name is
 * kept byte for byte as registered (variant kanji, ideographic variation
 * sequences, characters outside the BMP). These keys let a clerk who types
 * 高橋 find 髙橋, and half-width ｶﾅ find カナ.
 */

// Variant (異体字) → the form clerks usually type. Each line: the common form,
// then its variants. Kept as data so it can grow with the MJ tables.
const VARIANT_GROUPS = `
高 髙
崎 﨑 嵜 碕 埼
斉 齊 齋 斎 齌
辺 邊 邉 邉
吉 𠮷
沢 澤
浜 濱 濵
島 嶋 嶌 嶹
桜 櫻
広 廣
国 國 圀
円 圓
真 眞
富 冨
徳 德
恵 惠
万 萬
蔵 藏
実 實
栄 榮
寿 壽
弥 彌
浅 淺
関 關
竜 龍
滝 瀧
沼 𣳾
柳 栁
塚 塚 冢
隆 隆
館 舘
瀬 瀨
条 條
黒 黑
鉄 鐵 銕
礼 禮
亀 龜
桑 桒
槙 槇
桧 檜
峰 峯
秀 秀
曽 曾
祐 祐
禎 禎
神 神
福 福
`;

const VARIANT_TO_COMMON = new Map<string, string>();
for (const line of VARIANT_GROUPS.trim().split('\n')) {
  const [common, ...variants] = [...line.replace(/\s+/g, '')];
  if (!common) continue;
  for (const variant of variants) if (variant !== common) VARIANT_TO_COMMON.set(variant, common);
}

// Variation selectors (IVS U+E0100–E01EF, standardized U+FE00–FE0F) carry the
// glyph choice; for matching they are ignored.
const VARIATION_SELECTORS = /[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g;
const SEPARATORS = /[\s\u3000・･.,，、。'"’\-‐－ー]/g;

/** A name or address folded for search: NFKC, variants to the common form, no spaces. */
export function foldKanji(text: string): string {
  const withoutSelectors = text.replace(VARIATION_SELECTORS, '');
  let out = '';
  for (const ch of withoutSelectors) {
    const mapped = VARIANT_TO_COMMON.get(ch) ?? ch;
    out += mapped.normalize('NFKC');
  }
  // NFKC may turn a compatibility ideograph into a unified one that is itself a variant.
  let folded = '';
  for (const ch of out) folded += VARIANT_TO_COMMON.get(ch) ?? ch;
  return folded
    .replace(/[ヶヵケ]/g, 'ケ')
    .replace(/\s|\u3000/g, '')
    .toLowerCase();
}

const SMALL_KANA: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};

/** Kana folded for search: katakana, full width, large kana, no separators or long-vowel marks. */
export function foldKana(text: string): string {
  const wide = text.normalize('NFKC');
  let out = '';
  for (const ch of wide) {
    const code = ch.charCodeAt(0);
    // ひらがな → カタカナ
    const kata = code >= 0x3041 && code <= 0x3096 ? String.fromCharCode(code + 0x60) : ch;
    out += SMALL_KANA[kata] ?? kata;
  }
  return out.replace(SEPARATORS, '');
}

/** An address folded for search: kanji folding plus 丁目/番/号 and dashes made alike. */
export function foldAddress(text: string): string {
  return foldKanji(text)
    .replace(/([一二三四五六七八九十]+)(?=丁目)/g, (numeral) => String(kanjiNumber(numeral)))
    .replace(/丁目|番地|番|の/g, '-')
    .replace(/号/g, '')
    .replace(/[‐－ー−―]/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
}

/** Full name for the name key: family and given name folded, without a separator. */
export function nameKey(familyName: string, givenName: string): string {
  return foldKanji(familyName + givenName);
}

export function kanaKey(familyKana: string, givenKana: string): string {
  return foldKana(familyKana + givenKana);
}

export function isVariantOf(a: string, b: string): boolean {
  return foldKanji(a) === foldKanji(b);
}

const KANJI_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 … 九十九, as written in 丁目 numbers. */
function kanjiNumber(numeral: string): number {
  const [tensPart, onesPart] = numeral.includes('十') ? numeral.split('十') : ['', numeral];
  const tens = numeral.includes('十') ? (tensPart ? (KANJI_DIGITS[tensPart] ?? 0) : 1) : 0;
  return tens * 10 + (onesPart ? (KANJI_DIGITS[onesPart] ?? 0) : 0);
}
