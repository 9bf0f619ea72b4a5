/**
 * The anti-forgery background (地紋) of every page: the municipality's name as
 * micro-text tiled over the page, and a guilloche band along the edges. Both are
 * tiling patterns, so a page paints them with a handful of operators whatever
 * its size, and the micro-text is drawn as glyph outlines: it shows at any zoom
 * but never pollutes the text a reader or pdftotext extracts.
 */
import type { Color } from './canvas.js';
import type { FontChain } from './fonts.js';
import { num } from './pdf-number.js';
import { clusters } from './text.js';

export interface TilingPattern {
  name: string;
  content: string;
  bbox: [number, number, number, number];
  xStep: number;
  yStep: number;
  matrix: [number, number, number, number, number, number];
}

const MICRO_COLOR: Color = [0.82, 0.87, 0.93];
const GUILLOCHE_COLOR: Color = [0.62, 0.74, 0.86];
const MICRO_SIZE = 3.6;

/** Two staggered rows of the name per tile; the second row wraps around the tile edge. */
export function microTextPattern(chain: FontChain, text: string): TilingPattern {
  const parts: string[] = [];
  let advance = 0;
  const glyphs: { commands: string; x: number }[] = [];
  for (const cluster of clusters(text)) {
    const resolved = chain.resolve(cluster);
    if (!resolved) continue;
    const face = chain.face(resolved.face);
    const scale = MICRO_SIZE / face.unitsPerEm;
    const outline = face.outline(resolved.glyphId);
    const x = advance;
    const ops: string[] = [];
    const p = (px: number, py: number) => `${num(px * scale)} ${num(py * scale)}`;
    for (const cmd of outline.commands) {
      if (cmd.op === 'M') ops.push(`${p(cmd.x, cmd.y)} m`);
      else if (cmd.op === 'L') ops.push(`${p(cmd.x, cmd.y)} l`);
      else if (cmd.op === 'C') ops.push(`${p(cmd.x1, cmd.y1)} ${p(cmd.x2, cmd.y2)} ${p(cmd.x, cmd.y)} c`);
      else ops.push('h');
    }
    glyphs.push({ commands: ops.join(' '), x });
    advance += (resolved.width * MICRO_SIZE) / 1000;
  }
  const gap = MICRO_SIZE * 1.5;
  const width = Math.max(advance + gap, 10);
  const rowHeight = MICRO_SIZE * 1.9;
  const placeRow = (dx: number, dy: number) => {
    for (const g of glyphs) parts.push(`q 1 0 0 1 ${num(g.x + dx)} ${num(dy)} cm ${g.commands} f Q`);
  };
  placeRow(0, MICRO_SIZE * 0.4);
  placeRow(width / 2, rowHeight + MICRO_SIZE * 0.4);
  placeRow(width / 2 - width, rowHeight + MICRO_SIZE * 0.4);
  return {
    name: 'Pmicro',
    content: `${num(MICRO_COLOR[0])} ${num(MICRO_COLOR[1])} ${num(MICRO_COLOR[2])} rg\n${parts.join('\n')}`,
    bbox: [0, 0, num2(width), num2(rowHeight * 2)],
    xStep: num2(width),
    yStep: num2(rowHeight * 2),
    matrix: [1, 0, 0, 1, 0, 0],
  };
}

function num2(value: number): number {
  return Number(num(value));
}

export const GUILLOCHE_BAND = 9;
const GUILLOCHE_PERIOD = 18;

/**
 * One period of three interleaved sine waves across a band GUILLOCHE_BAND high,
 * each quarter period a cubic Bézier with Hermite tangents (visually exact).
 */
function guillocheTile(): string {
  const amplitude = GUILLOCHE_BAND / 2 - 0.6;
  const mid = GUILLOCHE_BAND / 2;
  const curves: string[] = [];
  for (const phase of [0, (2 * Math.PI) / 3, (4 * Math.PI) / 3]) {
    const k = (2 * Math.PI) / GUILLOCHE_PERIOD;
    const f = (x: number) => mid + amplitude * Math.sin(k * x + phase);
    const df = (x: number) => amplitude * k * Math.cos(k * x + phase);
    // A little past both ends so neighbouring tiles join without a gap.
    const step = GUILLOCHE_PERIOD / 4;
    let seg = `${num(-step)} ${num(f(-step))} m`;
    for (let x0 = -step; x0 < GUILLOCHE_PERIOD + step - 0.001; x0 += step) {
      const x1 = x0 + step;
      seg += ` ${num(x0 + step / 3)} ${num(f(x0) + (df(x0) * step) / 3)} ${num(x1 - step / 3)} ${num(f(x1) - (df(x1) * step) / 3)} ${num(x1)} ${num(f(x1))} c`;
    }
    curves.push(seg);
  }
  const [r, g, b] = GUILLOCHE_COLOR;
  return `${num(r)} ${num(g)} ${num(b)} RG 0.35 w\n${curves.join('\n')}\nS`;
}

/**
 * Patterns for the four edges of a page: the bands are laid out from the page's
 * edges inwards by `inset`. Side bands use the same tile turned a quarter.
 */
export function guillochePatterns(pageWidth: number, pageHeight: number, inset: number): TilingPattern[] {
  const tile = guillocheTile();
  const bbox: [number, number, number, number] = [0, 0, GUILLOCHE_PERIOD, GUILLOCHE_BAND];
  const base = { content: tile, bbox, xStep: GUILLOCHE_PERIOD, yStep: GUILLOCHE_BAND };
  return [
    { ...base, name: 'Pgb', matrix: [1, 0, 0, 1, 0, inset] },
    { ...base, name: 'Pgt', matrix: [1, 0, 0, 1, 0, pageHeight - inset - GUILLOCHE_BAND] },
    { ...base, name: 'Pgl', matrix: [0, 1, -1, 0, inset + GUILLOCHE_BAND, 0] },
    { ...base, name: 'Pgr', matrix: [0, 1, -1, 0, pageWidth - inset, 0] },
  ];
}

/** Operators painting the background of one page with the patterns above. */
export function backgroundOperators(pageWidth: number, pageHeight: number, inset: number): string {
  const band = GUILLOCHE_BAND;
  const inner = inset + band;
  const fill = (name: string, x: number, y: number, w: number, h: number) =>
    `/Pattern cs /${name} scn ${num(x)} ${num(y)} ${num(w)} ${num(h)} re f`;
  return [
    'q',
    fill('Pmicro', inner, inner, pageWidth - 2 * inner, pageHeight - 2 * inner),
    `/${LATENT_XOBJECT} Do`,
    fill('Pgb', inset, inset, pageWidth - 2 * inset, band),
    fill('Pgt', inset, pageHeight - inner, pageWidth - 2 * inset, band),
    fill('Pgl', inset, inner, band, pageHeight - 2 * inner),
    fill('Pgr', pageWidth - inner, inner, band, pageHeight - 2 * inner),
    'Q',
  ].join('\n');
}

/** Form XObject with the latent 「複写」 and its dot pattern. */
export const LATENT_XOBJECT = 'Latent';
export const LATENT_DOTS = 'Pdots';
const LATENT_WORD = '複写';
const LATENT_SIZE = 180;
const DOT_STEP = 2.8;
/** Ink coverage of the micro-text tile, matched by the dots so the word hardly shows on the original. */
const DOT_SIDE = 0.83;

/**
 * Anti-copy paper hides 「複写」 in its background: the background is too fine for
 * a copier and fades, the word is printed in coarser dots of the same tone and
 * stands out on a copy. Here the word's glyph outlines clip a knockout of the
 * micro-text and a tile of coarse dots.
 */
export function latentDotsPattern(): TilingPattern {
  const [r, g, b] = MICRO_COLOR;
  const at = (DOT_STEP - DOT_SIDE) / 2;
  return {
    name: LATENT_DOTS,
    content: `${num(r)} ${num(g)} ${num(b)} rg ${num(at)} ${num(at)} ${num(DOT_SIDE)} ${num(DOT_SIDE)} re f`,
    bbox: [0, 0, DOT_STEP, DOT_STEP],
    xStep: DOT_STEP,
    yStep: DOT_STEP,
    matrix: [1, 0, 0, 1, 0, 0],
  };
}

export function latentWordContent(chain: FontChain, pageWidth: number, pageHeight: number): string {
  const paths: string[] = [];
  const chars = clusters(LATENT_WORD);
  chars.forEach((cluster, i) => {
    const resolved = chain.resolve(cluster);
    if (!resolved) return;
    const face = chain.face(resolved.face);
    const scale = LATENT_SIZE / face.unitsPerEm;
    const dx = (i - chars.length / 2) * LATENT_SIZE;
    const dy = -LATENT_SIZE * 0.38;
    const p = (x: number, y: number) => `${num(x * scale + dx)} ${num(y * scale + dy)}`;
    for (const cmd of face.outline(resolved.glyphId).commands) {
      if (cmd.op === 'M') paths.push(`${p(cmd.x, cmd.y)} m`);
      else if (cmd.op === 'L') paths.push(`${p(cmd.x, cmd.y)} l`);
      else if (cmd.op === 'C') paths.push(`${p(cmd.x1, cmd.y1)} ${p(cmd.x2, cmd.y2)} ${p(cmd.x, cmd.y)} c`);
      else paths.push('h');
    }
  });
  const angle = (30 * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const big = Math.max(pageWidth, pageHeight);
  return [
    `q ${num(cos)} ${num(sin)} ${num(-sin)} ${num(cos)} ${num(pageWidth / 2)} ${num(pageHeight / 2)} cm`,
    paths.join(' '),
    'W n',
    `1 1 1 rg ${num(-big)} ${num(-big)} ${num(2 * big)} ${num(2 * big)} re f`,
    `/Pattern cs /${LATENT_DOTS} scn ${num(-big)} ${num(-big)} ${num(2 * big)} ${num(2 * big)} re f`,
    'Q',
  ].join('\n');
}
