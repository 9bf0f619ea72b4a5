/**
 * A small anti-aliased polygon rasteriser for the seal impressions: outlines
 * from the font, flattened to polygons, filled with the non-zero winding rule.
 * Vertical supersampling with exact horizontal coverage keeps it fast enough
 * to draw a few hundred distinct family names once each.
 */

/** A closed polygon as flat [x0, y0, x1, y1, …] in pixel coordinates (y down). */
export type Polygon = number[];

export interface PathCommand {
  command: string;
  args: number[];
}

/** Flattens font path commands into polygons through a transform of the font coordinates. */
export function flattenPath(
  commands: readonly PathCommand[],
  transform: (x: number, y: number) => [number, number],
) {
  const polygons: Polygon[] = [];
  let current: Polygon = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const push = (x: number, y: number) => {
    const [px, py] = transform(x, y);
    current.push(px, py);
  };
  const close = () => {
    if (current.length >= 6) polygons.push(current);
    current = [];
  };
  for (const { command, args } of commands) {
    switch (command) {
      case 'moveTo':
        close();
        [cx, cy] = [args[0]!, args[1]!];
        [sx, sy] = [cx, cy];
        push(cx, cy);
        break;
      case 'lineTo':
        [cx, cy] = [args[0]!, args[1]!];
        push(cx, cy);
        break;
      case 'quadraticCurveTo': {
        const [qx, qy, x, y] = args as [number, number, number, number];
        for (let i = 1; i <= 6; i++) {
          const t = i / 6;
          const u = 1 - t;
          push(u * u * cx + 2 * u * t * qx + t * t * x, u * u * cy + 2 * u * t * qy + t * t * y);
        }
        [cx, cy] = [x, y];
        break;
      }
      case 'bezierCurveTo': {
        const [ax, ay, bx, by, x, y] = args as [number, number, number, number, number, number];
        for (let i = 1; i <= 8; i++) {
          const t = i / 8;
          const u = 1 - t;
          push(
            u * u * u * cx + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x,
            u * u * u * cy + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y,
          );
        }
        [cx, cy] = [x, y];
        break;
      }
      case 'closePath':
        [cx, cy] = [sx, sy];
        close();
        break;
      default:
        break;
    }
  }
  close();
  return polygons;
}

const SUBSAMPLES = 5;

/**
 * Fills polygons into a coverage mask (0–1 per pixel, added to what is there
 * and clamped), non-zero winding.
 */
export function fillPolygons(
  mask: Float32Array,
  width: number,
  height: number,
  polygons: readonly Polygon[],
) {
  // Edges as [x0, y0, x1, y1, direction], y0 < y1.
  const edges: number[] = [];
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    const n = polygon.length / 2;
    for (let i = 0; i < n; i++) {
      const x0 = polygon[2 * i]!;
      const y0 = polygon[2 * i + 1]!;
      const j = (i + 1) % n;
      const x1 = polygon[2 * j]!;
      const y1 = polygon[2 * j + 1]!;
      if (y0 === y1) continue;
      if (y0 < y1) edges.push(x0, y0, x1, y1, 1);
      else edges.push(x1, y1, x0, y0, -1);
      minY = Math.min(minY, y0, y1);
      maxY = Math.max(maxY, y0, y1);
    }
  }
  if (edges.length === 0) return;
  const row = new Float32Array(width + 1);
  const crossings: [number, number][] = [];
  const firstRow = Math.max(0, Math.floor(minY));
  const lastRow = Math.min(height - 1, Math.ceil(maxY));
  for (let py = firstRow; py <= lastRow; py++) {
    row.fill(0);
    for (let s = 0; s < SUBSAMPLES; s++) {
      const y = py + (s + 0.5) / SUBSAMPLES;
      crossings.length = 0;
      for (let e = 0; e < edges.length; e += 5) {
        const y0 = edges[e + 1]!;
        const y1 = edges[e + 3]!;
        if (y < y0 || y >= y1) continue;
        const x0 = edges[e]!;
        const x1 = edges[e + 2]!;
        crossings.push([x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), edges[e + 4]!]);
      }
      crossings.sort((a, b) => a[0] - b[0]);
      let winding = 0;
      for (let c = 0; c < crossings.length; c++) {
        const before = winding;
        winding += crossings[c]![1];
        if (before === 0 && winding !== 0) {
          // A span starts here; find where the winding returns to zero.
          const start = crossings[c]![0];
          let end = start;
          for (let d = c + 1; d < crossings.length; d++) {
            winding += crossings[d]![1];
            if (winding === 0) {
              end = crossings[d]![0];
              c = d;
              break;
            }
          }
          addSpan(row, width, start, end);
        }
      }
    }
    const offset = py * width;
    for (let x = 0; x < width; x++) {
      const value = mask[offset + x]! + row[x]! / SUBSAMPLES;
      mask[offset + x] = Math.min(value, 1);
    }
  }
}

/** Adds exact horizontal coverage of [x0, x1) to a row. */
function addSpan(row: Float32Array, width: number, x0: number, x1: number) {
  const a = Math.max(0, Math.min(width, x0));
  const b = Math.max(0, Math.min(width, x1));
  if (b <= a) return;
  const ia = Math.floor(a);
  const ib = Math.floor(b);
  if (ia === ib) {
    row[ia] = row[ia]! + (b - a);
    return;
  }
  row[ia] = row[ia]! + (ia + 1 - a);
  for (let x = ia + 1; x < ib; x++) row[x] = row[x]! + 1;
  if (ib < width) row[ib] = row[ib]! + (b - ib);
}
