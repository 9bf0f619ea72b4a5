/**
 * The official seal (職印): a red square with the engraved characters read in
 * columns from right to left, as a 角印 is. The characters are the font's glyph
 * outlines stretched to fill their cells and drawn as paths, so the seal is
 * vector, identical on every certificate, and never extracted as text (it sits
 * on the certifier's name, whose text must come out clean).
 */
import { Canvas, type Color } from './canvas.js';
import type { FontChain } from './fonts.js';
import { clusters } from './text.js';

export const SEAL_RED: Color = [0.85, 0.11, 0.1];

/** ExtGState resource: multiply, so the black name under the seal stays readable as on paper. */
export const SEAL_GSTATE = 'GSseal';

/** XObject resource name of the seal: drawn once per certificate, built once per process and text. */
export const SEAL_XOBJECT = 'Seal';

export function sealGrid(count: number): { columns: number; rows: number } {
  if (count <= 1) return { columns: 1, rows: 1 };
  if (count <= 4) return { columns: 2, rows: 2 };
  if (count <= 6) return { columns: 3, rows: 2 };
  if (count <= 9) return { columns: 3, rows: 3 };
  const rows = Math.ceil(Math.sqrt(count));
  return { columns: Math.ceil(count / rows), rows };
}

/**
 * The seal as a form XObject's content, `size` points square and centred on the
 * origin (bbox [-size/2, -size/2, size/2, size/2]); paths only, no fonts.
 */
export function sealContent(chain: FontChain, text: string, size: number): string {
  const c = new Canvas();
  drawSeal(c, chain, text, 0, 0, size);
  return c.toString();
}

/** Draws the seal centred on (cx, cy), `size` points square. */
export function drawSeal(
  c: Canvas,
  chain: FontChain,
  text: string,
  cx: number,
  cy: number,
  size: number,
): void {
  const chars = clusters(text);
  const { columns, rows } = sealGrid(chars.length);
  const border = size * 0.06;
  const inner = size - border * 2 - size * 0.05;
  const left = cx - inner / 2;
  const top = cy + inner / 2;
  const cellW = inner / columns;

  c.save().raw(`/${SEAL_GSTATE} gs`).fillColor(SEAL_RED).strokeColor(SEAL_RED);
  c.lineWidth(border).strokeRect(
    cx - size / 2 + border / 2,
    cy - size / 2 + border / 2,
    size - border,
    size - border,
  );
  c.lineWidth(size * 0.02);
  for (let col = 0; col < columns; col++) {
    const inColumn = chars.slice(col * rows, (col + 1) * rows);
    if (inColumn.length === 0) continue;
    const cellH = inner / inColumn.length;
    // Columns are read from the right.
    const x0 = left + inner - (col + 1) * cellW;
    inColumn.forEach((cluster, i) => {
      const resolved = chain.resolve(cluster);
      if (!resolved) return;
      const outline = chain.face(resolved.face).outline(resolved.glyphId);
      const { minX, minY, maxX, maxY } = outline.bbox;
      if (maxX <= minX || maxY <= minY) return;
      const padX = cellW * 0.06;
      const padY = cellH * 0.06;
      const sx = (cellW - 2 * padX) / (maxX - minX);
      const sy = (cellH - 2 * padY) / (maxY - minY);
      const y0 = top - (i + 1) * cellH;
      c.outline(outline.commands, [sx, 0, 0, sy, x0 + padX - minX * sx, y0 + padY - minY * sy]);
    });
  }
  // Fill and stroke together thicken the strokes towards the weight of a carved seal.
  c.raw('B').restore();
}
