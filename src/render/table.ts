/**
 * Bordered table rows: a row is a list of cells side by side, each a label
 * (small, spread across the cell like a printed form: 氏　　名) or a value
 * (wrapped to the cell, or shrunk to fit when it must stay on one line, as names
 * do). The row is as tall as its tallest cell.
 */
import type { Align, Canvas } from './canvas.js';
import { CONTENT_WIDTH, type Row } from './page.js';
import type { Typesetter } from './text.js';

export const LABEL_SIZE = 7.5;
export const VALUE_SIZE = 9.5;
export const RUBY_SIZE = 6.5;
const PAD_X = 4;
const PAD_Y = 3;
const LEADING = 1.35;

export interface Cell {
  /** Width in points; 0 takes what the other cells leave. */
  width: number;
  text?: string;
  /** Several paragraphs, each wrapped on its own. */
  lines?: string[];
  label?: boolean;
  size?: number;
  align?: Align;
  /** Small text above the value (ふりがな). */
  ruby?: string;
  /** Shrink to one line instead of wrapping (names, numbers). */
  noWrap?: boolean;
}

interface LaidCell {
  x: number;
  width: number;
  lines: string[];
  size: number;
  align: Align;
  ruby?: string;
  rubySize: number;
  height: number;
}

export function gridRow(
  ts: Typesetter,
  cells: Cell[],
  options: { width?: number; minHeight?: number } = {},
): Row {
  const width = options.width ?? CONTENT_WIDTH;
  const fixed = cells.reduce((sum, c) => sum + c.width, 0);
  const flexible = cells.filter((c) => c.width === 0).length;
  const rest = flexible > 0 ? (width - fixed) / flexible : 0;
  let x = 0;
  const laid: LaidCell[] = cells.map((cell) => {
    const w = cell.width === 0 ? rest : cell.width;
    const inner = w - PAD_X * 2;
    let size = cell.size ?? (cell.label ? LABEL_SIZE : VALUE_SIZE);
    const paragraphs = cell.lines ?? (cell.text !== undefined ? [cell.text] : []);
    let lines: string[];
    if (cell.noWrap) {
      size = Math.min(...paragraphs.map((p) => ts.fit(p, size, inner)), size);
      lines = paragraphs;
    } else {
      lines = paragraphs.flatMap((p) => ts.wrap(p, size, inner));
    }
    let rubySize = RUBY_SIZE;
    if (cell.ruby) rubySize = ts.fit(cell.ruby, RUBY_SIZE, inner, 4);
    const height = PAD_Y * 2 + lines.length * size * LEADING + (cell.ruby ? rubySize * 1.25 : 0);
    const align: Align = cell.align ?? (cell.label ? labelAlign(cell.text ?? '') : 'left');
    const result = { x, width: w, lines, size, align, ruby: cell.ruby, rubySize, height };
    x += w;
    return result;
  });
  const height = Math.max(options.minHeight ?? 18, ...laid.map((c) => c.height));
  return {
    height,
    draw(c: Canvas, left: number, top: number) {
      for (const cell of laid) drawCell(c, cell, left + cell.x, top, height);
    },
  };
}

function labelAlign(text: string): Align {
  return [...text].length <= 4 && !/[\s　]/.test(text) ? 'distribute' : 'center';
}

function drawCell(c: Canvas, cell: LaidCell, x: number, top: number, height: number): void {
  c.strokeRect(x, top - height, cell.width, height);
  const contentHeight = cell.height - PAD_Y * 2;
  let y = top - (height - contentHeight) / 2;
  const inner = cell.width - PAD_X * 2;
  if (cell.ruby) {
    c.textIn(cell.ruby, x + PAD_X, inner, y - cell.rubySize * 0.9, cell.rubySize, 'left');
    y -= cell.rubySize * 1.25;
  }
  const lineHeight = cell.size * LEADING;
  for (const line of cell.lines) {
    const baseline = y - (lineHeight - cell.size) / 2 - cell.size * 0.88;
    if (cell.align === 'distribute') {
      // Spread like a printed form (氏　　名), but not across a whole wide cell.
      const spread = Math.min(inner - 8, [...line].length * cell.size * 2.4);
      c.textIn(line, x + (cell.width - spread) / 2, spread, baseline, cell.size, 'distribute');
    } else {
      c.textIn(line, x + PAD_X, inner, baseline, cell.size, cell.align);
    }
    y -= lineHeight;
  }
}

/** A label cell. */
export function label(text: string, width: number, extra: Partial<Cell> = {}): Cell {
  return { width, text, label: true, ...extra };
}

/** A value cell. */
export function value(text: string | undefined, width = 0, extra: Partial<Cell> = {}): Cell {
  return { width, text: text ?? '', ...extra };
}

/** 1,234,567円 without depending on the ICU data of the Node build. */
export function yen(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}${String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
}

/** 男 / 女 */
export function sexLabel(sex: 'M' | 'F' | undefined): string {
  return sex === 'M' ? '男' : sex === 'F' ? '女' : '';
}
