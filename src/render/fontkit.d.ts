// The part of upstream fontkit 2.x that the renderer uses. fontkit ships no type
// declarations, and @types/fontkit describes the 1.x API.
declare module 'fontkit' {
  export interface BBox {
    minX: number;
    minY: number;
    maxX: number;
    maxY: number;
  }

  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }

  export interface Path {
    commands: PathCommand[];
    bbox: BBox;
    toSVG(): string;
  }

  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: Path;
    bbox: BBox;
  }

  export interface Font {
    postscriptName: string;
    familyName: string;
    fullName: string;
    numGlyphs: number;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    italicAngle: number;
    bbox: BBox;
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getGlyph(glyphId: number): Glyph;
  }

  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
