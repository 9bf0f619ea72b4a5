import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_FONT_PATH,
  bundledFontChain,
  chosenFont,
  defaultFontChain,
  IPAMJ_MINCHO_PATH,
} from './fonts.js';

const hasIpamj = existsSync(IPAMJ_MINCHO_PATH);

describe('chosenFont', () => {
  it('prefers IPAmj明朝 when the system has it, else the bundled font', () => {
    const font = chosenFont();
    if (hasIpamj) expect(font).toMatchObject({ family: 'IPAmj明朝', source: 'system', mjCharacterSet: true });
    else expect(font).toMatchObject({ family: 'Noto Serif JP', source: 'bundled', path: BUNDLED_FONT_PATH });
    expect(existsSync(font.path)).toBe(true);
  });
});

describe('FontChain', () => {
  it('resolves characters outside the BMP', () => {
    const resolved = defaultFontChain().resolve('𠮷');
    expect(resolved).not.toBeNull();
    expect(resolved!.glyphId).not.toBe(0);
  });

  it('selects the variant glyph of an ideographic variation sequence, not the base glyph', () => {
    const chain = defaultFontChain();
    const variant = chain.resolve('葛\u{E0100}')!;
    const base = chain.resolve('葛')!;
    expect(variant).not.toBeNull();
    // IPAmj lacks the Adobe-Japan1 葛󠄀, so it comes from the bundled font behind it.
    if (hasIpamj) expect(variant.face).toBe(1);
    const baseInSameFace = chain.face(variant.face).glyphId(0x845b);
    expect(variant.glyphId).not.toBe(baseInSameFace);
    expect(base.face).toBe(0);
  });

  it.skipIf(!hasIpamj)('prints MJ variation sequences with IPAmj明朝 itself', () => {
    const chain = defaultFontChain();
    const variant = chain.resolve('辻\u{E0102}')!;
    expect(variant.face).toBe(0);
    expect(variant.glyphId).not.toBe(chain.resolve('辻')!.glyphId);
  });

  it('refuses what no font of the chain has instead of printing a box or the base glyph', () => {
    const chain = defaultFontChain();
    expect(chain.resolve('\u{F0000}')).toBeNull(); // private use plane 15
    expect(chain.resolve('一\u{E01EF}')).toBeNull(); // a sequence nobody registers
    // The bundled font alone has no MJ sequences.
    expect(bundledFontChain().resolve('辻\u{E0102}')).toBeNull();
  });
});
