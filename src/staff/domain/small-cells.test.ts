import { describe, expect, it } from 'vitest';
import { isSmall, publishBreakdown, type RawCell, suppressedIndexes } from './small-cells.js';

const cell = (count: number, people = count, fee = 300): RawCell => ({
  count,
  copies: count,
  fees: count * fee,
  people,
});
const sum = (cells: RawCell[]): RawCell =>
  cells.reduce(
    (a, c) => ({
      count: a.count + c.count,
      copies: a.copies + c.copies,
      fees: a.fees + c.fees,
      people: a.people + c.people,
    }),
    { count: 0, copies: 0, fees: 0, people: 0 },
  );

describe('small-cell suppression', () => {
  it('withholds 1 and 2, and cells about fewer than 3 people; publishes 0 and 3+', () => {
    expect([0, 1, 2, 3, 40].map((n) => isSmall(cell(n)))).toEqual([false, true, true, false, false]);
    expect(isSmall(cell(10, 2))).toBe(true);
    expect(isSmall(cell(10, 3))).toBe(false);
  });

  it('a single withheld cell takes the smallest other non-zero cell with it, so subtraction reveals nothing', () => {
    const cells = [cell(10), cell(0), cell(1), cell(4), cell(7)];
    expect([...suppressedIndexes(cells, false)].sort()).toEqual([2, 3]);
    const published = publishBreakdown(
      ['a', 'b', 'c', 'd', 'e'],
      new Map(cells.map((c, i) => [['a', 'b', 'c', 'd', 'e'][i]!, c])),
      sum(cells),
    );
    expect(published.total).toEqual({
      count: 22,
      copies: 22,
      fees: 6600,
      suppressed: false,
      suppression: null,
    });
    expect(published.rows.map((r) => r.count)).toEqual([10, 0, null, null, 7]);
    expect(published.rows.map((r) => r.suppression)).toEqual([null, null, 'small', 'complementary', null]);
    expect(published.rows.map((r) => r.fees)).toEqual([3000, 0, null, null, 2100]);
  });

  it('two or more withheld cells stand as they are', () => {
    expect([...suppressedIndexes([cell(1), cell(2), cell(9)], false)].sort()).toEqual([0, 1]);
  });

  it('a withheld cell with nothing else to hide behind takes the total with it', () => {
    // 10 issuances about 2 people: the only non-zero cell equals the total, which is small too.
    const only = cell(10, 2);
    const published = publishBreakdown(['x', 'y'], new Map([['x', only]]), only);
    expect(published.total.suppressed).toBe(true);
    expect(published.rows).toEqual([
      { key: 'x', count: null, copies: null, fees: null, suppressed: true, suppression: 'small' },
      { key: 'y', count: 0, copies: 0, fees: 0, suppressed: false, suppression: null },
    ]);
  });

  it('a small total withholds every non-zero cell and the total', () => {
    const cells = new Map([
      ['x', cell(1)],
      ['y', cell(1)],
    ]);
    const published = publishBreakdown(['x', 'y', 'z'], cells, cell(2));
    expect(published.total.suppressed).toBe(true);
    expect(published.rows.map((r) => r.suppressed)).toEqual([true, true, false]);
  });

  it('for any breakdown, no withheld cell can be worked out from the total and the published cells', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 500; round++) {
      const n = 1 + Math.floor(random() * 8);
      const cells = Array.from({ length: n }, () =>
        cell(Math.floor(random() * 3) === 0 ? 0 : Math.floor(random() * 6)),
      );
      const keys = cells.map((_, i) => `k${i}`);
      const published = publishBreakdown(keys, new Map(keys.map((k, i) => [k, cells[i]!])), sum(cells));
      const hidden = published.rows.filter((r) => r.suppressed);
      // Never exactly one withheld cell under a published total.
      if (!published.total.suppressed) expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
      // Every small non-zero cell is withheld.
      published.rows.forEach((row, i) => {
        if (isSmall(cells[i]!)) expect(row.suppressed).toBe(true);
      });
    }
  });
});
