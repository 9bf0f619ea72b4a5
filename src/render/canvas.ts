/**
 * A PDF content stream written as text. Layout code draws in points with the
 * origin at the bottom left of the page, as PDF does.
 */
import type { OutlineCommand } from './fonts.js';
import { type DocumentFonts, fontResourceName } from './pdf-fonts.js';
import { num } from './pdf-number.js';
import type { Typesetter } from './text.js';

export type Color = readonly [number, number, number];
export const BLACK: Color = [0, 0, 0];

export type Align = 'left' | 'center' | 'right' | 'distribute';

export interface TextOptions {
  color?: Color;
  /** Extra space after each character, in points. */
  charSpacing?: number;
}

export class Canvas {
  private readonly ops: string[] = [];

  private readonly textSetup?: { fonts: DocumentFonts; ts: Typesetter };

  /** Without fonts the canvas draws paths only (seals, patterns). */
  constructor(fonts?: DocumentFonts, ts?: Typesetter) {
    if (fonts && ts) this.textSetup = { fonts, ts };
  }

  get fonts(): DocumentFonts {
    return this.requireText().fonts;
  }

  get ts(): Typesetter {
    return this.requireText().ts;
  }

  private requireText(): { fonts: DocumentFonts; ts: Typesetter } {
    if (!this.textSetup) throw new Error('this canvas draws paths only');
    return this.textSetup;
  }

  raw(op: string): this {
    this.ops.push(op);
    return this;
  }

  save(): this {
    return this.raw('q');
  }

  restore(): this {
    return this.raw('Q');
  }

  fillColor([r, g, b]: Color): this {
    return this.raw(`${num(r)} ${num(g)} ${num(b)} rg`);
  }

  strokeColor([r, g, b]: Color): this {
    return this.raw(`${num(r)} ${num(g)} ${num(b)} RG`);
  }

  lineWidth(width: number): this {
    return this.raw(`${num(width)} w`);
  }

  rect(x: number, y: number, w: number, h: number): this {
    return this.raw(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
  }

  strokeRect(x: number, y: number, w: number, h: number): this {
    return this.rect(x, y, w, h).raw('S');
  }

  fillRect(x: number, y: number, w: number, h: number): this {
    return this.rect(x, y, w, h).raw('f');
  }

  line(x1: number, y1: number, x2: number, y2: number): this {
    return this.raw(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
  }

  /** Text with its baseline at y. */
  text(text: string, x: number, y: number, size: number, options: TextOptions = {}): this {
    if (text === '') return this;
    const runs = this.fonts.encode(text);
    const wrapped = options.color !== undefined || options.charSpacing !== undefined;
    if (wrapped) this.save();
    if (options.color) this.fillColor(options.color);
    if (options.charSpacing) this.raw(`${num(options.charSpacing)} Tc`);
    let op = `BT ${num(x)} ${num(y)} Td`;
    for (const run of runs) op += ` /${fontResourceName(run.face)} ${num(size)} Tf <${run.hex}> Tj`;
    this.raw(`${op} ET`);
    if (wrapped) this.restore();
    return this;
  }

  /** Text placed in the box [x, x + width] by alignment; 'distribute' spreads the characters (均等割付). */
  textIn(
    text: string,
    x: number,
    width: number,
    y: number,
    size: number,
    align: Align,
    options: TextOptions = {},
  ) {
    const w = this.ts.width(text, size, options.charSpacing ?? 0);
    if (align === 'distribute') {
      const count = [...text].length;
      if (count > 1 && w < width) {
        const spacing = (options.charSpacing ?? 0) + (width - w) / (count - 1);
        return this.text(text, x, y, size, { ...options, charSpacing: spacing });
      }
      return this.text(text, x + (width - w) / 2, y, size, options);
    }
    const at = align === 'left' ? x : align === 'right' ? x + width - w : x + (width - w) / 2;
    return this.text(text, at, y, size, options);
  }

  /** A glyph outline (font units) transformed by [a b c d e f]; adds path segments only. */
  outline(commands: readonly OutlineCommand[], [a, b, c, d, e, f]: readonly number[]): this {
    const p = (x: number, y: number) => `${num(a! * x + c! * y + e!)} ${num(b! * x + d! * y + f!)}`;
    const parts: string[] = [];
    for (const cmd of commands) {
      if (cmd.op === 'M') parts.push(`${p(cmd.x, cmd.y)} m`);
      else if (cmd.op === 'L') parts.push(`${p(cmd.x, cmd.y)} l`);
      else if (cmd.op === 'C') parts.push(`${p(cmd.x1, cmd.y1)} ${p(cmd.x2, cmd.y2)} ${p(cmd.x, cmd.y)} c`);
      else parts.push('h');
    }
    if (parts.length > 0) this.ops.push(parts.join(' '));
    return this;
  }

  toString(): string {
    return this.ops.join('\n');
  }
}
