import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import type { Random } from './random.js';
import { fillPolygons, flattenPath, type PathCommand } from './raster.js';

/**
 * 印影 (seal impressions) for the 印鑑登録 records: a vermilion ring with the
 * name's characters stretched into it, as a small transparent PNG that a
 * certificate can place over its 印影 box.
 *
 * The characters come from IPAmj明朝 when the Debian font is installed (it has
 * every variant and variation sequence a name may use), otherwise from the
 * bundled Noto Serif JP. Both are read once and each name is drawn once; what
 * makes every impression distinct is cheap and per person: the ring's width,
 * a one-pixel shift, the ink density and the faint patches (かすれ) where the
 * seal did not take. Because the glyphs come from whichever font is present,
 * the bytes of an impression are the same for the same seed on machines with
 * the same fonts.
 */

export const SEAL_SIZE = 96;
const INK = [0xc8, 0x1e, 0x28] as const; // 朱肉

const IPAMJ_PATH = '/usr/share/fonts/truetype/ipamj/ipamjm.ttf';

interface Glyph {
  id: number;
  path: { commands: PathCommand[]; bbox: { minX: number; minY: number; maxX: number; maxY: number } };
}
interface Font {
  glyphsForString(text: string): Glyph[];
}

function loadFont(): Font | null {
  const require = createRequire(import.meta.url);
  let path = existsSync(IPAMJ_PATH) ? IPAMJ_PATH : undefined;
  if (!path) {
    try {
      path = require.resolve('@expo-google-fonts/noto-serif-jp/700Bold/NotoSerifJP_700Bold.ttf');
    } catch {
      path = undefined;
    }
  }
  if (!path) return null;
  // fontkit ships no types; only the two members above are used.
  const fontkit = require('fontkit') as { openSync(path: string): Font };
  return fontkit.openSync(path);
}

/** The characters of a name, a base character and its variation selector kept together. */
export function sealCharacters(name: string): string[] {
  const out: string[] = [];
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    const isSelector = (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
    if (isSelector && out.length > 0) out[out.length - 1] += ch;
    else if (!/\s/u.test(ch)) out.push(ch);
  }
  return out;
}

interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Cells inside the ring: one column top to bottom, or two read right column first. */
function layout(count: number, box: Cell): Cell[] {
  const n = Math.min(count, 6);
  if (n <= 3) {
    const h = box.h / n;
    return Array.from({ length: n }, (_, i) => ({ x: box.x, y: box.y + i * h, w: box.w, h }));
  }
  const rows = Math.ceil(n / 2);
  const w = box.w / 2;
  const h = box.h / rows;
  return Array.from({ length: n }, (_, i) => ({
    x: box.x + (i < rows ? w : 0),
    y: box.y + (i % rows) * h,
    w,
    h,
  }));
}

export class SealRenderer {
  private readonly font: Font | null;
  private readonly masks = new Map<string, Float32Array>();

  constructor(font: Font | null = loadFont()) {
    this.font = font;
  }

  /** Coverage of the name's characters (cached per name: a town has a few hundred family names). */
  private nameMask(name: string): Float32Array {
    const cached = this.masks.get(name);
    if (cached) return cached;
    const mask = new Float32Array(SEAL_SIZE * SEAL_SIZE);
    const chars = sealCharacters(name);
    const centre = SEAL_SIZE / 2;
    const inner = centre - 7;
    const side = inner * 1.52;
    // Three characters in one column need more height than width, as seal engravers cut them.
    const [w, h] = chars.length === 3 ? [side * 0.88, side * 1.14] : [side, side];
    const cells = layout(chars.length, { x: centre - w / 2, y: centre - h / 2, w, h });
    cells.forEach((cell, i) => {
      const glyph = this.font?.glyphsForString(chars[i]!)[0];
      if (!glyph || glyph.id === 0) return;
      const box = glyph.path.bbox;
      const gw = box.maxX - box.minX;
      const gh = box.maxY - box.minY;
      if (!(gw > 0 && gh > 0)) return;
      const pad = 1;
      const sx = (cell.w - 2 * pad) / gw;
      const sy = (cell.h - 2 * pad) / gh;
      const polygons = flattenPath(glyph.path.commands, (x, y) => [
        cell.x + pad + (x - box.minX) * sx,
        cell.y + pad + (box.maxY - y) * sy,
      ]);
      fillPolygons(mask, SEAL_SIZE, SEAL_SIZE, polygons);
    });
    // Seals are cut with strokes bolder than a 明朝 face: thicken by about a pixel,
    // then clip to the inside of the ring.
    const bold = new Float32Array(mask.length);
    for (let y = 0; y < SEAL_SIZE; y++) {
      for (let x = 0; x < SEAL_SIZE; x++) {
        const i = y * SEAL_SIZE + x;
        if (Math.hypot(x + 0.5 - centre, y + 0.5 - centre) > inner) continue;
        const around = Math.max(
          x > 0 ? mask[i - 1]! : 0,
          x < SEAL_SIZE - 1 ? mask[i + 1]! : 0,
          y > 0 ? mask[i - SEAL_SIZE]! : 0,
          y < SEAL_SIZE - 1 ? mask[i + SEAL_SIZE]! : 0,
        );
        bold[i] = Math.max(mask[i]!, around * 0.7);
      }
    }
    if (this.masks.size > 4000) this.masks.clear();
    this.masks.set(name, bold);
    return bold;
  }

  /** A PNG of the seal of `name`; `random` makes this impression differ from every other one. */
  render(name: string, random: Random): Buffer {
    const chars = this.nameMask(name);
    const size = SEAL_SIZE;
    const outer = size / 2 - 1.5 - random.next();
    const thickness = 3 + random.next() * 1.6;
    const density = 0.82 + random.next() * 0.18;
    const dx = random.int(-1, 1);
    const dy = random.int(-1, 1);
    const ink = this.ink;
    const distance = DISTANCE;
    for (let y = 0; y < size; y++) {
      const sy = y - dy;
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        const d = distance[i]!;
        const ring =
          d > outer + 1 || d < outer - thickness - 1
            ? 0
            : clamp01(outer - d + 0.5) - clamp01(outer - thickness - d + 0.5);
        const sx = x - dx;
        const glyph = sx >= 0 && sy >= 0 && sx < size && sy < size ? chars[sy * size + sx]! : 0;
        ink[i] = Math.max(ring, glyph) * density;
      }
    }
    // Faint patches where the seal did not take (かすれ), each touching only its own square.
    const patches = random.int(3, 8);
    for (let p = 0; p < patches; p++) {
      const px = random.next() * size;
      const py = random.next() * size;
      const r = 3 + random.next() * 7;
      const keep = 0.35 + random.next() * 0.4;
      for (let y = Math.max(0, Math.floor(py - r)); y < Math.min(size, Math.ceil(py + r)); y++) {
        for (let x = Math.max(0, Math.floor(px - r)); x < Math.min(size, Math.ceil(px + r)); x++) {
          const ox = x - px;
          const oy = y - py;
          if (ox * ox + oy * oy < r * r) ink[y * size + x]! *= keep;
        }
      }
    }
    const png = new PNG({ width: size, height: size });
    const data = png.data;
    for (let i = 0; i < size * size; i++) {
      const o = i * 4;
      data[o] = INK[0];
      data[o + 1] = INK[1];
      data[o + 2] = INK[2];
      // 8 levels of alpha: smooth enough for print, and it keeps the PNG small.
      data[o + 3] = ALPHA_LEVELS[Math.round(ink[i]! * 7)]!;
    }
    // Paeth filtering: about 2.5 KB an impression, against 3.4 KB with the faster Sub filter.
    return PNG.sync.write(png, { colorType: 6, deflateLevel: 9, filterType: 4 });
  }

  private readonly ink = new Float32Array(SEAL_SIZE * SEAL_SIZE);
}

/** Distance of each pixel centre from the seal's centre. */
const DISTANCE = (() => {
  const out = new Float32Array(SEAL_SIZE * SEAL_SIZE);
  const centre = SEAL_SIZE / 2;
  for (let y = 0; y < SEAL_SIZE; y++) {
    for (let x = 0; x < SEAL_SIZE; x++)
      out[y * SEAL_SIZE + x] = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
  }
  return out;
})();

const ALPHA_LEVELS = Array.from({ length: 8 }, (_, level) => Math.round((level * 255) / 7));

function clamp01(value: number): number {
  return value < 0 ? 0 : Math.min(value, 1);
}
