/**
 * The verification QR code, drawn as one path: each horizontal run of dark
 * modules is one rectangle, and a single fill paints them all.
 */
import QRCode from 'qrcode';
import { num } from './pdf-number.js';

export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

/** Error correction M: survives a folded or slightly soiled paper, keeps the code small. */
export function qrMatrix(text: string): QrMatrix {
  // One byte-mode segment: what the segment optimiser picks for a URL anyway, without its search.
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  return { size: modules.size, dark: (x, y) => modules.get(y, x) === 1 };
}

/** Modules of quiet zone the standard asks for on each side. */
export const QR_QUIET_ZONE = 4;

/**
 * Content-stream operators drawing the code with its top-left module at
 * (x, top), each module `module` points square: a white quiet zone, then one
 * path of rectangles filled once. The path is written in module units (a
 * matrix scales it and turns rows downwards), so each run is a few small integers.
 */
export function qrOperators(m: QrMatrix, x: number, top: number, module: number): string {
  const quiet = QR_QUIET_ZONE * module;
  const side = m.size * module;
  const rects: string[] = [];
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.dark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.dark(col, row)) col++;
      rects.push(`${start} ${row} ${col - start} 1 re`);
    }
  }
  return [
    'q',
    '1 1 1 rg',
    `${num(x - quiet)} ${num(top - side - quiet)} ${num(side + 2 * quiet)} ${num(side + 2 * quiet)} re f`,
    '0 0 0 rg',
    `${num(module)} 0 0 ${num(-module)} ${num(x)} ${num(top)} cm`,
    rects.join('\n'),
    'f',
    'Q',
  ].join('\n');
}
