import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONT_PATH, IPAMJ_MINCHO_PATH } from './fonts.js';
import { readTableDirectory, readVariationSequences, subsetTrueType } from './sfnt.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const hasIpamj = existsSync(IPAMJ_MINCHO_PATH);

function open(path: string) {
  const bytes = readFileSync(path);
  return { bytes, dir: readTableDirectory(bytes), font: fontkit.create(bytes) };
}

function sfntChecksum(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('readVariationSequences (cmap format 14)', () => {
  it('finds a non-default sequence that fontkit 2.0.4 resolves to the base glyph (Noto 葛󠄀)', () => {
    const { bytes, dir, font } = open(BUNDLED_FONT_PATH);
    const lookup = readVariationSequences(bytes, dir);
    const base = font.glyphForCodePoint(0x845b).id;
    const variant = lookup(0x845b, 0xe0100);
    expect(typeof variant).toBe('number');
    expect(variant).not.toBe(base);
    // 一 U+4E00 with E0100 is registered as the default glyph.
    expect(lookup(0x4e00, 0xe0100)).toBe('default');
    // A sequence the font does not register at all.
    expect(lookup(0x4e00, 0xe01ef)).toBeUndefined();
    expect(lookup(0x845b, 0xfe0f)).toBeUndefined();
  });

  it.skipIf(!hasIpamj)('reads the MJ sequences of IPAmj明朝 (葛 E0102 differs from the base glyph)', () => {
    const { bytes, dir, font } = open(IPAMJ_MINCHO_PATH);
    const lookup = readVariationSequences(bytes, dir);
    const variant = lookup(0x845b, 0xe0102);
    expect(typeof variant).toBe('number');
    expect(variant).not.toBe(font.glyphForCodePoint(0x845b).id);
    // IPAmj registers 葛 only in the MJ collection.
    expect(lookup(0x845b, 0xe0100)).toBeUndefined();
  });
});

describe('subsetTrueType', () => {
  const fonts = [BUNDLED_FONT_PATH, ...(hasIpamj ? [IPAMJ_MINCHO_PATH] : [])];

  for (const path of fonts) {
    it(`keeps every outline and advance identical (${path.split('/').pop()})`, () => {
      const { bytes, dir, font } = open(path);
      const before = Buffer.from(bytes);
      const text = '住民票の写し𠮷野葛髙﨑邉ABC xyz 0123,.（）';
      const glyphIds = [0, ...[...text].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id)];
      // A repeated glyph is kept as a copy: two CIDs may share an outline but not their text.
      glyphIds.push(glyphIds[3]!);
      const subset = subsetTrueType(bytes, dir, glyphIds);
      const parsed = fontkit.create(subset);
      expect(parsed.numGlyphs).toBe(glyphIds.length);
      glyphIds.forEach((gid, i) => {
        const source = font.getGlyph(gid);
        const copy = parsed.getGlyph(i);
        expect(copy.path.toSVG()).toBe(source.path.toSVG());
        expect(copy.advanceWidth).toBe(source.advanceWidth);
      });
      expect(sfntChecksum(subset)).toBe(0xb1b0afba);
      // The source font is read, never written (Buffer#slice shares memory).
      expect(Buffer.compare(before, bytes)).toBe(0);
    });
  }

  it('drops hinting instructions, which makes IPAmj glyphs much smaller', () => {
    const path = hasIpamj ? IPAMJ_MINCHO_PATH : BUNDLED_FONT_PATH;
    const { bytes, dir, font } = open(path);
    const gids = [0, ...[...'証明書'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id)];
    const subset = fontkit.create(subsetTrueType(bytes, dir, gids));
    expect(
      Object.keys((subset as unknown as { directory: { tables: object } }).directory.tables).sort(),
    ).toEqual(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']);
  });

  it.skipIf(!existsSync(DEJAVU))('copies the components of composite glyphs and renumbers them', () => {
    const { bytes, dir, font } = open(DEJAVU);
    const composite = font.glyphForCodePoint(0xe9); // é: e + acute in DejaVu
    const raw = bytes.readInt16BE(
      dir.get('glyf')!.offset + bytes.readUInt32BE(dir.get('loca')!.offset + composite.id * 4),
    );
    expect(raw).toBeLessThan(0);
    const subset = subsetTrueType(bytes, dir, [0, composite.id]);
    const parsed = fontkit.create(subset);
    expect(parsed.numGlyphs).toBeGreaterThan(2);
    expect(parsed.getGlyph(1).path.toSVG()).toBe(font.getGlyph(composite.id).path.toSVG());
  });
});
