import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultFontChain } from './fonts.js';
import { clusters, codePointLabel, Typesetter } from './text.js';

describe('clusters', () => {
  it('keeps a variation selector with its character and a surrogate pair whole', () => {
    expect(clusters('葛\u{E0100}子')).toEqual(['葛\u{E0100}', '子']);
    expect(clusters('𠮷野')).toEqual(['𠮷', '野']);
    expect(clusters('𠮷\u{E0101}')).toEqual(['𠮷\u{E0101}']);
    expect(clusters('邉\uFE00')).toEqual(['邉\uFE00']);
  });

  it('leaves a selector without a character, or a second selector, on its own', () => {
    expect(clusters('\u{E0100}葛')).toEqual(['\u{E0100}', '葛']);
    expect(clusters('葛\u{E0100}\u{E0101}')).toEqual(['葛\u{E0100}', '\u{E0101}']);
  });

  it('gives the code points for error messages', () => {
    expect(codePointLabel('葛\u{E0100}')).toBe('U+845B U+E0100');
    expect(codePointLabel('𠮷')).toBe('U+20BB7');
  });
});

describe('Typesetter.wrap', () => {
  const ts = new Typesetter(defaultFontChain());

  it('breaks Japanese anywhere but never before closing punctuation', () => {
    const lines = ts.wrap('この写しは、住民票の原本と相違ないことを証明する。', 10, 105);
    expect(lines.join('')).toBe('この写しは、住民票の原本と相違ないことを証明する。');
    for (const line of lines) expect(line.startsWith('、') || line.startsWith('。')).toBe(false);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('keeps a URL-like word whole when it fits a line', () => {
    const lines = ts.wrap('確認先 https://example.jp/verify', 8, 110);
    expect(lines.length).toBe(2);
    expect(lines).toContain('https://example.jp/verify');
  });

  it('never splits a cluster, loses a character or overfills a line', () => {
    const alphabet = [
      '𠮷',
      '葛\u{E0100}',
      '辻\u{E0102}',
      '髙',
      '﨑',
      'あ',
      '、',
      '。',
      'A',
      '1',
      '（',
      '）',
      '　',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }),
        fc.integer({ min: 30, max: 300 }),
        (parts, width) => {
          const text = parts.join('');
          const lines = ts.wrap(text, 10, width);
          // Spaces at a line break may go; nothing else may.
          const visible = (s: string) => s.replace(/[\s　]/g, '');
          expect(visible(lines.join(''))).toBe(visible(text));
          for (const line of lines) {
            expect(clusters(line).join('')).toBe(line);
            // Only a line of a single unbreakable run may exceed the width.
            if (clusters(line).length > 2) expect(ts.width(line, 10)).toBeLessThanOrEqual(width + 10.01);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
