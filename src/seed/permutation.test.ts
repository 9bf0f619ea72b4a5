import { describe, expect, it } from 'vitest';
import { Permutation } from './permutation.js';

describe('Permutation', () => {
  it('is a bijection on a small domain', () => {
    for (const size of [2, 3, 10, 97, 1000, 4096]) {
      const p = new Permutation(size, 12345);
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) {
        const x = p.apply(i);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(size);
        seen.add(x);
      }
      expect(seen.size).toBe(size);
    }
  });

  it('gives distinct values for the first hundred thousand indices of an 11-digit domain', () => {
    const p = new Permutation(10 ** 11, 7);
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(p.apply(i));
    expect(seen.size).toBe(100_000);
  });

  it('depends on the key and scatters neighbours', () => {
    const a = new Permutation(10 ** 10, 1);
    const b = new Permutation(10 ** 10, 2);
    expect(a.apply(0)).not.toBe(b.apply(0));
    expect(Math.abs(a.apply(1) - a.apply(2))).toBeGreaterThan(1000);
  });

  it('rejects indices outside the domain', () => {
    expect(() => new Permutation(100, 1).apply(100)).toThrow(RangeError);
  });
});
