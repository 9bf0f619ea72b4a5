/**
 * The fonts certificates are printed with. IPAmj明朝 (the MJ character set of
 * 行政事務標準文字, with its ideographic variation sequences) when the system has
 * it, otherwise the Noto Serif JP that ships as an npm dependency. The chosen font
 * comes first in a chain; the bundled font stays behind it as a fallback so that a
 * character or a variation sequence IPAmj lacks (IPAmj registers 葛 only in the
 * MJ collection, E0102–E0108; Noto has the Adobe-Japan1 葛󠄀 U+E0100) is still
 * printed with its own glyph. Only when no font of the chain has it is the
 * character refused (see unprintable in text.ts).
 *
 * Fonts are parsed once per process, on first use: IPAmj is a 44 MiB file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import {
  type GlyphMetricsSource,
  readAdvances,
  readTableDirectory,
  readVariationSequences,
  subsetTrueType,
  type TableDirectory,
  type VariationLookup,
} from './sfnt.js';

export const IPAMJ_MINCHO_PATH = '/usr/share/fonts/truetype/ipamj/ipamjm.ttf';

const require = createRequire(import.meta.url);
export const BUNDLED_FONT_PATH = join(
  dirname(require.resolve('@expo-google-fonts/noto-serif-jp/package.json')),
  '400Regular/NotoSerifJP_400Regular.ttf',
);

export interface FontChoice {
  /** Family name for people: 'IPAmj明朝' or 'Noto Serif JP'. */
  family: string;
  path: string;
  /** 'system' when the Debian package provides IPAmj明朝, 'bundled' for the npm font. */
  source: 'system' | 'bundled';
  /** Whether the font registers the MJ ideographic variation sequences. */
  mjCharacterSet: boolean;
}

const IPAMJ: FontChoice = {
  family: 'IPAmj明朝',
  path: IPAMJ_MINCHO_PATH,
  source: 'system',
  mjCharacterSet: true,
};
const BUNDLED: FontChoice = {
  family: 'Noto Serif JP',
  path: BUNDLED_FONT_PATH,
  source: 'bundled',
  mjCharacterSet: false,
};

let choice: FontChoice | undefined;

/** The primary certificate font (for `madoguchi doctor`); decided once, without parsing the font. */
export function chosenFont(): FontChoice {
  choice ??= existsSync(IPAMJ_MINCHO_PATH) ? IPAMJ : BUNDLED;
  return choice;
}

/** One parsed TrueType font, shared by every document of the process. */
export class FontFace {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly bbox: readonly [number, number, number, number];
  private readonly font: fontkit.Font;
  private readonly dir: TableDirectory;
  private readonly variations: VariationLookup;
  private readonly metrics: GlyphMetricsSource;
  private readonly outlines = new Map<number, GlyphOutline>();

  constructor(
    readonly family: string,
    private readonly bytes: Uint8Array,
  ) {
    this.font = fontkit.create(bytes);
    this.dir = readTableDirectory(bytes);
    this.variations = readVariationSequences(bytes, this.dir);
    this.metrics = readAdvances(bytes, this.dir);
    this.postscriptName = this.font.postscriptName.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    this.unitsPerEm = this.font.unitsPerEm;
    this.ascent = this.font.ascent;
    this.descent = this.font.descent;
    this.capHeight = this.font.capHeight || this.font.ascent;
    const b = this.font.bbox;
    this.bbox = [b.minX, b.minY, b.maxX, b.maxY];
  }

  static load(family: string, path: string): FontFace {
    return new FontFace(family, readFileSync(path));
  }

  /**
   * The glyph for one character, optionally with a variation selector; 0 when the
   * font cannot show it. A sequence the font does not register is 0 as well: the
   * base glyph would print a different character than the registered one.
   */
  glyphId(codePoint: number, selector?: number): number {
    if (selector === undefined)
      return this.font.hasGlyphForCodePoint(codePoint) ? this.baseGlyph(codePoint) : 0;
    const variant = this.variations(codePoint, selector);
    if (variant === undefined) return 0;
    return variant === 'default' ? this.baseGlyph(codePoint) : variant;
  }

  private baseGlyph(codePoint: number): number {
    return this.font.glyphForCodePoint(codePoint).id;
  }

  /** Advance width in font units. */
  advance(glyphId: number): number {
    return this.metrics.advance(glyphId);
  }

  /** The outline in font units (y up), cubic segments only: for seals and micro-text drawn as paths. */
  outline(glyphId: number): GlyphOutline {
    let outline = this.outlines.get(glyphId);
    if (!outline) {
      const glyph = this.font.getGlyph(glyphId);
      outline = { commands: toCubic(glyph.path.commands), bbox: glyph.path.bbox };
      this.outlines.set(glyphId, outline);
    }
    return outline;
  }

  /** A TrueType program holding these glyphs in this order (see subsetTrueType). */
  subset(glyphIds: readonly number[]): Uint8Array {
    return subsetTrueType(this.bytes, this.dir, glyphIds);
  }
}

export type OutlineCommand =
  | { op: 'M'; x: number; y: number }
  | { op: 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

export interface GlyphOutline {
  commands: OutlineCommand[];
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
}

/** PDF paths have no quadratic curves; TrueType outlines are made of them. */
function toCubic(commands: fontkit.PathCommand[]): OutlineCommand[] {
  const out: OutlineCommand[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  for (const { command, args } of commands) {
    const a = args as number[];
    switch (command) {
      case 'moveTo':
        [x, y] = [a[0]!, a[1]!];
        [startX, startY] = [x, y];
        out.push({ op: 'M', x, y });
        break;
      case 'lineTo':
        [x, y] = [a[0]!, a[1]!];
        out.push({ op: 'L', x, y });
        break;
      case 'quadraticCurveTo': {
        const [cx, cy, ex, ey] = [a[0]!, a[1]!, a[2]!, a[3]!];
        out.push({
          op: 'C',
          x1: x + (2 / 3) * (cx - x),
          y1: y + (2 / 3) * (cy - y),
          x2: ex + (2 / 3) * (cx - ex),
          y2: ey + (2 / 3) * (cy - ey),
          x: ex,
          y: ey,
        });
        [x, y] = [ex, ey];
        break;
      }
      case 'bezierCurveTo':
        out.push({ op: 'C', x1: a[0]!, y1: a[1]!, x2: a[2]!, y2: a[3]!, x: a[4]!, y: a[5]! });
        [x, y] = [a[4]!, a[5]!];
        break;
      case 'closePath':
        out.push({ op: 'Z' });
        [x, y] = [startX, startY];
        break;
    }
  }
  return out;
}

/** Where a character of text was found: which face of the chain and which glyph. */
export interface ResolvedGlyph {
  face: number;
  glyphId: number;
  /** Advance in thousandths of an em (PDF glyph space). */
  width: number;
}

/**
 * The fonts tried in order for every character. Faces are loaded on first need,
 * so a process that never meets a character missing from IPAmj never parses Noto.
 */
export class FontChain {
  private readonly faces: (FontFace | undefined)[];
  private readonly cache = new Map<string, ResolvedGlyph | null>();

  constructor(private readonly loaders: readonly (() => FontFace)[]) {
    this.faces = loaders.map(() => undefined);
  }

  get length(): number {
    return this.loaders.length;
  }

  face(index: number): FontFace {
    let face = this.faces[index];
    if (!face) {
      face = this.loaders[index]!();
      this.faces[index] = face;
    }
    return face;
  }

  /** A cluster is one character, or a character and its variation selector (see clusters in text.ts). */
  resolve(cluster: string): ResolvedGlyph | null {
    const cached = this.cache.get(cluster);
    if (cached !== undefined) return cached;
    const base = cluster.codePointAt(0)!;
    const selector =
      cluster.length > (base > 0xffff ? 2 : 1) ? cluster.codePointAt(base > 0xffff ? 2 : 1) : undefined;
    let found: ResolvedGlyph | null = null;
    for (let i = 0; i < this.loaders.length && !found; i++) {
      const face = this.face(i);
      const glyphId = face.glyphId(base, selector);
      if (glyphId !== 0)
        found = { face: i, glyphId, width: (face.advance(glyphId) * 1000) / face.unitsPerEm };
    }
    this.cache.set(cluster, found);
    return found;
  }
}

const faceCache = new Map<string, FontFace>();

/** Parses a font file once per process. */
export function loadFace(family: string, path: string): FontFace {
  let face = faceCache.get(path);
  if (!face) {
    face = FontFace.load(family, path);
    faceCache.set(path, face);
  }
  return face;
}

let defaultChain: FontChain | undefined;

/** The chosen font followed by the bundled one (unless the bundled one is the choice). */
export function defaultFontChain(): FontChain {
  if (!defaultChain) {
    const primary = chosenFont();
    const loaders = [() => loadFace(primary.family, primary.path)];
    if (primary.path !== BUNDLED.path) loaders.push(() => loadFace(BUNDLED.family, BUNDLED.path));
    defaultChain = new FontChain(loaders);
  }
  return defaultChain;
}

/** A chain of the bundled font alone: what a machine without IPAmj明朝 prints with. */
export function bundledFontChain(): FontChain {
  return new FontChain([() => loadFace(BUNDLED.family, BUNDLED.path)]);
}

/** Parses the primary font now (server start, benchmarks) instead of on the first certificate. */
export function warmFonts(chain: FontChain = defaultFontChain()): void {
  chain.face(0);
}
