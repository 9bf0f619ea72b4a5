import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';
import { SEAL_SIZE, SealRenderer, sealCharacters } from './seal-image.js';

const renderer = new SealRenderer();

function inkInside(png: PNG, radius: number): number {
  let inked = 0;
  const c = SEAL_SIZE / 2;
  for (let y = 0; y < SEAL_SIZE; y++) {
    for (let x = 0; x < SEAL_SIZE; x++) {
      if (Math.hypot(x + 0.5 - c, y + 0.5 - c) < radius && png.data[(y * SEAL_SIZE + x) * 4 + 3]! > 0)
        inked++;
    }
  }
  return inked;
}

describe('seal impressions', () => {
  it('keeps a variation selector with its character and skips spaces', () => {
    expect(sealCharacters('葛\u{E0100}西')).toEqual(['葛\u{E0100}', '西']);
    expect(sealCharacters('𠮷田')).toEqual(['𠮷', '田']);
    expect(sealCharacters('グエン ヴァン')).toHaveLength(6);
  });

  it('draws a small red ring with the characters inside', () => {
    const png = PNG.sync.read(renderer.render('髙橋', new Random(1, 'seal')));
    expect([png.width, png.height]).toEqual([SEAL_SIZE, SEAL_SIZE]);
    // The corners are transparent; the middle (the characters) has ink.
    expect(png.data[3]).toBe(0);
    expect(inkInside(png, 36)).toBeGreaterThan(400);
    const centreRow = SEAL_SIZE / 2;
    let red = 0;
    for (let x = 0; x < SEAL_SIZE; x++) {
      const o = (centreRow * SEAL_SIZE + x) * 4;
      if (png.data[o + 3]! > 0 && png.data[o]! > 150 && png.data[o + 1]! < 80) red++;
    }
    expect(red).toBeGreaterThan(6);
  });

  it('draws different names differently, and the same name differently for each person', () => {
    const random = new Random(2, 'seal');
    const a = renderer.render('𠮷田', random);
    const b = renderer.render('𠮷田', random);
    const c = renderer.render('佐藤', random);
    expect(a.equals(b)).toBe(false);
    expect(a.equals(c)).toBe(false);
    for (const png of [a, b, c]) expect(png.length).toBeLessThan(4500);
  });

  it('is deterministic for the same random stream', () => {
    expect(
      renderer.render('渡邉', new Random(3, 'seal')).equals(renderer.render('渡邉', new Random(3, 'seal'))),
    ).toBe(true);
  });
});
