/**
 * The fonts of one PDF: every distinct cluster of text becomes one CID of a
 * Type0/CIDFontType2 font per face of the chain, so the ToUnicode CMap maps each
 * CID back to exactly the text it came from — 𠮷 to U+20BB7, 葛󠄀 to U+845B U+E0100
 * — even when two clusters share an outline. Only the used glyphs are embedded,
 * as a TrueType subset whose glyph i is CID i (CIDToGIDMap /Identity).
 */
import { createHash } from 'node:crypto';
import { type PDFDocument, type PDFRef, PDFString } from 'pdf-lib';
import { deflatedStream } from './deflate.js';
import type { FontChain } from './fonts.js';
import { num } from './pdf-number.js';
import { clusters, unprintableCharacter } from './text.js';

interface FaceUse {
  glyphIds: number[];
  /** The text of each CID ('' for .notdef). */
  texts: string[];
  widths: number[];
  byCluster: Map<string, number>;
}

export interface EncodedRun {
  /** Index of the face in the chain; the resource name is fontResourceName(face). */
  face: number;
  /** Hex string of 2-byte CIDs, ready for a Tj operator. */
  hex: string;
  /** Width in thousandths of an em. */
  width: number;
  clusters: number;
}

export function fontResourceName(face: number): string {
  return `F${face}`;
}

export class DocumentFonts {
  private readonly uses: (FaceUse | undefined)[] = [];

  constructor(readonly chain: FontChain) {}

  /**
   * Gives these clusters their CIDs now, before any other text, so that they get
   * the same CIDs in every document: the renderer reserves the digits, which lets
   * an issue number be written into a rendered page later (see IssueNumberStamp).
   */
  reserve(text: string): void {
    this.encode(text);
  }

  /** Splits text into runs of one face each, assigning CIDs to clusters seen for the first time. */
  encode(text: string): EncodedRun[] {
    const runs: EncodedRun[] = [];
    let current: EncodedRun | undefined;
    for (const cluster of clusters(text)) {
      const resolved = this.chain.resolve(cluster);
      if (!resolved) {
        // Documents are checked field by field before layout (printable.ts); this is a
        // renderer-made string (a label) that the chosen fonts cannot show.
        throw unprintableCharacter(cluster, {
          path: 'layout',
          ja: '証明書の文字',
          en: 'The certificate text',
        });
      }
      const use = this.usageOf(resolved.face);
      let cid = use.byCluster.get(cluster);
      if (cid === undefined) {
        cid = use.glyphIds.length;
        if (cid > 0xffff) throw new Error('more than 65535 distinct characters in one certificate');
        use.glyphIds.push(resolved.glyphId);
        use.texts.push(cluster);
        use.widths.push(resolved.width);
        use.byCluster.set(cluster, cid);
      }
      if (!current || current.face !== resolved.face) {
        current = { face: resolved.face, hex: '', width: 0, clusters: 0 };
        runs.push(current);
      }
      current.hex += cid.toString(16).padStart(4, '0');
      current.width += resolved.width;
      current.clusters++;
    }
    return runs;
  }

  private usageOf(face: number): FaceUse {
    let use = this.uses[face];
    if (!use) {
      const f = this.chain.face(face);
      use = {
        glyphIds: [0],
        texts: [''],
        widths: [(f.advance(0) * 1000) / f.unitsPerEm],
        byCluster: new Map(),
      };
      this.uses[face] = use;
    }
    return use;
  }

  /** Embeds the used faces; returns resource name → font dictionary. */
  embed(doc: PDFDocument): Map<string, PDFRef> {
    const fonts = new Map<string, PDFRef>();
    this.uses.forEach((use, index) => {
      if (use) fonts.set(fontResourceName(index), this.embedFace(doc, index, use));
    });
    return fonts;
  }

  private embedFace(doc: PDFDocument, index: number, use: FaceUse): PDFRef {
    const context = doc.context;
    const face = this.chain.face(index);
    const program = face.subset(use.glyphIds);
    const baseFont = `${subsetTag(face.postscriptName, use.texts)}+${face.postscriptName}`;
    const scale = 1000 / face.unitsPerEm;
    // Stored, not deflated: glyph outlines shrink by a quarter at most, and the pure-JavaScript
    // deflate would be the most expensive step of the whole render (about 2 ms per document).
    const fontFile = context.register(context.stream(program, { Length1: program.length }));
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // Serif (2) + Symbolic (4): the glyphs are addressed by CID, not by a standard encoding.
        Flags: 6,
        FontBBox: face.bbox.map((v) => Math.round(v * scale)),
        ItalicAngle: 0,
        Ascent: Math.round(face.ascent * scale),
        Descent: Math.round(face.descent * scale),
        CapHeight: Math.round(face.capHeight * scale),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: 1000,
        W: [0, use.widths.map((w) => Number(num(w)))],
        CIDToGIDMap: 'Identity',
      }),
    );
    const toUnicode = context.register(deflatedStream(context, toUnicodeCMap(use.texts)));
    return context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}

/** Six capital letters derived from the subset's content (PDF 32000 §9.6.4), so equal input gives equal bytes. */
function subsetTag(postscriptName: string, texts: readonly string[]): string {
  const digest = createHash('sha256').update(postscriptName).update('\0').update(texts.join('\0')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26));
  return tag;
}

function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}

export function toUnicodeCMap(texts: readonly string[]): string {
  const entries: string[] = [];
  texts.forEach((text, cid) => {
    if (text) entries.push(`<${cid.toString(16).padStart(4, '0').toUpperCase()}> <${utf16Hex(text)}>`);
  });
  const blocks: string[] = [];
  // At most 100 entries per bfchar block (PDF 32000 §9.10.3).
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
