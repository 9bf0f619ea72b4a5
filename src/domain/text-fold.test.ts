import { describe, expect, it } from 'vitest';
import { foldAddress, foldKana, foldKanji, isVariantOf, nameKey } from './text-fold.js';

describe('search folding', () => {
  it('matches variant kanji to the common form', () => {
    expect(isVariantOf('髙橋', '高橋')).toBe(true);
    expect(isVariantOf('山﨑', '山崎')).toBe(true);
    expect(isVariantOf('齋藤', '斉藤')).toBe(true);
    expect(isVariantOf('齊藤', '斎藤')).toBe(true);
    expect(isVariantOf('渡邉', '渡辺')).toBe(true);
    expect(isVariantOf('渡邊', '渡辺')).toBe(true);
    expect(isVariantOf('𠮷田', '吉田')).toBe(true);
    expect(isVariantOf('高橋', '高畑')).toBe(false);
  });

  it('ignores ideographic variation selectors and width', () => {
    expect(foldKanji('葛\u{E0100}西')).toBe(foldKanji('葛西'));
    expect(foldKanji('ＡＢＣ　太郎')).toBe('abc太郎');
    expect(nameKey('髙橋', '一郎')).toBe('高橋一郎');
  });

  it('folds kana: hiragana, half width, small kana', () => {
    expect(foldKana('たかはし　いちろう')).toBe(foldKana('タカハシ イチロウ'));
    expect(foldKana('ﾀｶﾊｼ')).toBe('タカハシ');
    expect(foldKana('キャシー')).toBe(foldKana('キヤシ'));
  });

  it('folds address notation', () => {
    expect(foldAddress('本町一丁目2番3号')).toBe(foldAddress('本町1-2-3'));
    expect(foldAddress('本町十二丁目1番')).toBe(foldAddress('本町12丁目1番'));
    expect(foldAddress('本町1丁目2番3号')).toBe(foldAddress('本町１－２－３'));
    expect(foldAddress('龍ヶ崎市')).toBe(foldAddress('龍ケ崎市'));
  });

  it('never changes the stored text: folding is for keys only', () => {
    const registered = '𠮷田 葛\u{E0100}子';
    const copy = `${registered}`;
    foldKanji(registered);
    expect(Buffer.from(registered)).toEqual(Buffer.from(copy));
  });
});
