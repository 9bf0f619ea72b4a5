/**
 * Raw TrueType (sfnt) tables: the table directory, the variation-sequence cmap
 * (format 14) and a glyph subsetter. fontkit parses the font and answers the plain
 * cmap; these two jobs are done here on the raw bytes because fontkit 2.0.4 gets
 * them wrong for our purpose:
 * - its format 14 lookup gives up when a selector record has a default-UVS list
 *   and the character is not in it, so in Noto Serif JP 葛󠄀 (U+845B U+E0100) came
 *   out as the plain 葛 — a misprinted name;
 * - its subsetter keeps one copy per glyph id, but the PDF needs one glyph per
 *   distinct text (葛 and a default-variant 葛+VS share an outline yet must map back
 *   to different code points), and it keeps hinting instructions that PDF viewers
 *   do not use and that double the size of IPAmj glyphs.
 */

export interface TableRecord {
  offset: number;
  length: number;
}

export type TableDirectory = ReadonlyMap<string, TableRecord>;

export function readTableDirectory(font: Uint8Array): TableDirectory {
  const view = viewOf(font);
  const version = view.getUint32(0);
  // 0x00010000 (TrueType outlines) or 'true'; CFF fonts ('OTTO') are not supported by the subsetter.
  if (version !== 0x00010000 && version !== 0x74727565) {
    throw new Error(`not a TrueType font (sfnt version 0x${version.toString(16)})`);
  }
  const numTables = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  for (const tag of ['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf']) {
    if (!tables.has(tag)) throw new Error(`TrueType font without a '${tag}' table`);
  }
  return tables;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function table(dir: TableDirectory, tag: string): TableRecord {
  const record = dir.get(tag);
  if (!record) throw new Error(`missing '${tag}' table`);
  return record;
}

/**
 * What a font says about a variation sequence: a glyph of its own, 'default'
 * (the sequence is registered and shows the base character's glyph), or
 * undefined when the font does not register the sequence at all.
 */
export type VariationLookup = (codePoint: number, selector: number) => number | 'default' | undefined;

/** The cmap format 14 subtable (Unicode platform, encoding 5), binary-searched in place. */
export function readVariationSequences(font: Uint8Array, dir: TableDirectory): VariationLookup {
  const cmap = dir.get('cmap');
  const none: VariationLookup = () => undefined;
  if (!cmap) return none;
  const view = viewOf(font);
  const count = view.getUint16(cmap.offset + 2);
  let sub = -1;
  for (let i = 0; i < count; i++) {
    const rec = cmap.offset + 4 + i * 8;
    if (view.getUint16(rec) === 0 && view.getUint16(rec + 2) === 5) {
      sub = cmap.offset + view.getUint32(rec + 4);
      break;
    }
  }
  if (sub < 0 || view.getUint16(sub) !== 14) return none;
  const u24 = (at: number) => (font[at]! << 16) | (font[at + 1]! << 8) | font[at + 2]!;
  const selectorCount = view.getUint32(sub + 6);

  return (codePoint, selector) => {
    // Selector records: varSelector (u24), defaultUVSOffset (u32), nonDefaultUVSOffset (u32).
    const rec = bsearch(selectorCount, (i) => u24(sub + 10 + i * 11) - selector);
    if (rec < 0) return undefined;
    const at = sub + 10 + rec * 11;
    const defaultOffset = view.getUint32(at + 3);
    const nonDefaultOffset = view.getUint32(at + 7);
    if (defaultOffset !== 0) {
      const base = sub + defaultOffset;
      const ranges = view.getUint32(base);
      const hit = bsearch(ranges, (i) => {
        const start = u24(base + 4 + i * 4);
        if (codePoint < start) return 1;
        return codePoint > start + font[base + 4 + i * 4 + 3]! ? -1 : 0;
      });
      if (hit >= 0) return 'default';
    }
    if (nonDefaultOffset !== 0) {
      const base = sub + nonDefaultOffset;
      const mappings = view.getUint32(base);
      const hit = bsearch(mappings, (i) => u24(base + 4 + i * 5) - codePoint);
      if (hit >= 0) return view.getUint16(base + 4 + hit * 5 + 3);
    }
    return undefined;
  };
}

/** Index whose comparison is 0 (compare(i) > 0 means the wanted item is before i), or -1. */
function bsearch(length: number, compare: (index: number) => number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(mid);
    if (c === 0) return mid;
    if (c > 0) hi = mid - 1;
    else lo = mid + 1;
  }
  return -1;
}

export interface GlyphMetricsSource {
  numGlyphs: number;
  advance(glyphId: number): number;
}

/** Advance widths straight from hmtx (font units), without building glyph objects. */
export function readAdvances(font: Uint8Array, dir: TableDirectory): GlyphMetricsSource {
  const view = viewOf(font);
  const hmtx = table(dir, 'hmtx').offset;
  const hMetrics = view.getUint16(table(dir, 'hhea').offset + 34);
  const numGlyphs = view.getUint16(table(dir, 'maxp').offset + 4);
  return {
    numGlyphs,
    advance: (gid) => view.getUint16(hmtx + 4 * Math.min(gid, hMetrics - 1)),
  };
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/**
 * A TrueType font holding `glyphIds` in that order (new glyph i = glyphIds[i];
 * glyphIds[0] should be 0, the .notdef glyph; repeats are kept as copies), plus
 * the components of composite glyphs after them. Outlines are copied byte for
 * byte; only hinting instructions are dropped (and with them fpgm, prep, cvt).
 * The result carries the tables a PDF viewer reads for a CIDFontType2
 * (head, hhea, hmtx, maxp, loca, glyf).
 */
export function subsetTrueType(
  font: Uint8Array,
  dir: TableDirectory,
  glyphIds: readonly number[],
): Uint8Array {
  const view = viewOf(font);
  const head = table(dir, 'head');
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const loca = table(dir, 'loca').offset;
  const glyf = table(dir, 'glyf').offset;
  const metrics = readAdvances(font, dir);
  const hmtx = table(dir, 'hmtx').offset;
  const hMetrics = view.getUint16(table(dir, 'hhea').offset + 34);

  const glyphStart = (gid: number) =>
    glyf + (longLoca ? view.getUint32(loca + gid * 4) : view.getUint16(loca + gid * 2) * 2);

  const order: number[] = [...glyphIds];
  // Components of composite glyphs: source id → new id, added once after the requested glyphs.
  const componentIndex = new Map<number, number>();
  const pieces: Uint8Array[] = [];

  const slice = (gid: number): Uint8Array => {
    if (gid >= metrics.numGlyphs) throw new Error(`glyph ${gid} is not in the font`);
    const start = glyphStart(gid);
    const end = glyphStart(gid + 1);
    if (end <= start) return new Uint8Array(0);
    const data = font.subarray(start, end);
    const contours = view.getInt16(start);
    if (contours >= 0) {
      const instrAt = 10 + contours * 2;
      const instrLength = view.getUint16(start + instrAt);
      const out = new Uint8Array(data.length - instrLength);
      out.set(data.subarray(0, instrAt), 0);
      // instructionLength stays in place as 0; flags and coordinates follow unchanged.
      out.set(data.subarray(instrAt + 2 + instrLength), instrAt + 2);
      return out;
    }
    const out = new Uint8Array(data);
    const outView = viewOf(out);
    let at = 10;
    let flags: number;
    do {
      flags = outView.getUint16(at);
      const component = outView.getUint16(at + 2);
      let mapped = componentIndex.get(component);
      if (mapped === undefined) {
        mapped = order.length;
        order.push(component);
        componentIndex.set(component, mapped);
      }
      outView.setUint16(at, flags & ~WE_HAVE_INSTRUCTIONS);
      outView.setUint16(at + 2, mapped);
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    } while (flags & MORE_COMPONENTS);
    return out.subarray(0, at);
  };

  // `order` grows while composites are sliced, so iterate by index.
  for (let i = 0; i < order.length; i++) pieces.push(slice(order[i]!));

  const n = order.length;
  const glyfLength = pieces.reduce((sum, p) => sum + pad4(p.length), 0);
  const newGlyf = new Uint8Array(glyfLength);
  const newLoca = new Uint8Array((n + 1) * 4);
  const locaView = viewOf(newLoca);
  let offset = 0;
  pieces.forEach((piece, i) => {
    locaView.setUint32(i * 4, offset);
    newGlyf.set(piece, offset);
    offset += pad4(piece.length);
  });
  locaView.setUint32(n * 4, offset);

  const newHmtx = new Uint8Array(n * 4);
  const hmtxView = viewOf(newHmtx);
  order.forEach((gid, i) => {
    const lsb =
      gid < hMetrics
        ? view.getInt16(hmtx + gid * 4 + 2)
        : view.getInt16(hmtx + hMetrics * 4 + (gid - hMetrics) * 2);
    hmtxView.setUint16(i * 4, metrics.advance(gid));
    hmtxView.setInt16(i * 4 + 2, lsb);
  });

  const newHead = copyTable(font, table(dir, 'head'));
  viewOf(newHead).setUint32(8, 0); // checkSumAdjustment, filled in below
  viewOf(newHead).setInt16(50, 1); // long loca offsets
  const newHhea = copyTable(font, table(dir, 'hhea'));
  viewOf(newHhea).setUint16(34, n);
  const newMaxp = copyTable(font, table(dir, 'maxp'));
  viewOf(newMaxp).setUint16(4, n);

  const bytes = assembleSfnt([
    ['glyf', newGlyf],
    ['head', newHead],
    ['hhea', newHhea],
    ['hmtx', newHmtx],
    ['loca', newLoca],
    ['maxp', newMaxp],
  ]);
  const headAt = tableOffsetIn(bytes, 'head');
  viewOf(bytes).setUint32(headAt + 8, (0xb1b0afba - checksum(bytes)) >>> 0);
  return bytes;
}

function pad4(length: number): number {
  return (length + 3) & ~3;
}

function copyTable(font: Uint8Array, record: TableRecord): Uint8Array {
  // A copy, never a view: Buffer#slice shares memory and the caller edits the result.
  return new Uint8Array(font.subarray(record.offset, record.offset + record.length));
}

/** Tables must be given in tag order (the directory is binary-searched by readers). */
function assembleSfnt(tables: [string, Uint8Array][]): Uint8Array {
  const count = tables.length;
  const headerLength = 12 + count * 16;
  const total = headerLength + tables.reduce((sum, [, data]) => sum + pad4(data.length), 0);
  const out = new Uint8Array(total);
  const view = viewOf(out);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= count) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - searchRange);
  let offset = headerLength;
  tables.forEach(([tag, data], i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    out.set(data, offset);
    view.setUint32(rec + 4, checksum(out.subarray(offset, offset + pad4(data.length))));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, data.length);
    offset += pad4(data.length);
  });
  return out;
}

function tableOffsetIn(font: Uint8Array, tag: string): number {
  const record = readTableDirectory(font).get(tag);
  if (!record) throw new Error(`missing '${tag}' table`);
  return record.offset;
}

function checksum(data: Uint8Array): number {
  const view = viewOf(data);
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.length ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}
