import { describe, expect, it } from 'vitest';
import { qrMatrix, qrOperators } from './qr.js';

describe('qrOperators', () => {
  it('draws all dark modules as one path of rectangles with a single fill', () => {
    const url = 'https://madoguchi.example.jp/verify/K7QF-0001-M2XD';
    const m = qrMatrix(url);
    let runs = 0;
    let dark = 0;
    for (let y = 0; y < m.size; y++) {
      for (let x = 0; x < m.size; x++) {
        if (!m.dark(x, y)) continue;
        dark++;
        if (x === 0 || !m.dark(x - 1, y)) runs++;
      }
    }
    const ops = qrOperators(qrMatrix(url), 100, 200, 2);
    const lines = ops.split('\n');
    // One white quiet-zone rectangle, then one rectangle per run of dark modules.
    expect(lines.filter((l) => l.endsWith(' re') || l.endsWith(' re f')).length).toBe(runs + 1);
    expect(lines.filter((l) => l === 'f').length).toBe(1);
    // Runs, in module units under one scaling matrix, cover exactly the dark modules.
    expect(lines).toContain('2 0 0 -2 100 200 cm');
    const covered = lines
      .filter((l) => l.endsWith(' re'))
      .reduce((sum, l) => sum + Number(l.split(' ')[2]), 0);
    expect(covered).toBe(dark);
  });
});
