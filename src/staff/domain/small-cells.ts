/**
 * Small-cell suppression for the statistics the 統計 role reads. A count of one
 * or two issuances of a kind, on a day, through a channel, can point at a person
 * ("the only 改製原戸籍 this month was my neighbour's"), so such cells are not
 * published: they read "<3". Pure functions, no I/O.
 *
 * 1. Primary: a cell is withheld when it holds 1 or 2 issuances, or concerns
 *    fewer than 3 different people (ten certificates of one family are still
 *    about that family).
 * 2. Secondary: every breakdown adds up to the published total, so a breakdown
 *    with exactly one withheld cell would give it away by subtraction; the
 *    smallest other non-zero cell is withheld too.
 * 3. A total that is itself small withholds every non-zero cell under it.
 * Zero is published as zero: nobody is behind it.
 */

/** Cells below this many issuances (or people) are withheld. */
export const MINIMUM_CELL_COUNT = 3;

export interface RawCell {
  /** Issuances (certificates issued, not voided). */
  count: number;
  copies: number;
  /** Fees charged, in yen. */
  fees: number;
  /** Different people (or registers) the issuances were about. */
  people: number;
}

export interface PublishedCell {
  count: number | null;
  copies: number | null;
  fees: number | null;
  /** True when withheld: the numbers are null and never leave the server. */
  suppressed: boolean;
  /**
   * Why: `small` (1–2 issuances or under 3 people: shown "<3"), or `complementary`
   * (a larger cell withheld so that a small one cannot be worked out from the total).
   */
  suppression: 'small' | 'complementary' | null;
}

export const EMPTY_CELL: RawCell = { count: 0, copies: 0, fees: 0, people: 0 };

export function isSmall(cell: RawCell): boolean {
  return cell.count > 0 && (cell.count < MINIMUM_CELL_COUNT || cell.people < MINIMUM_CELL_COUNT);
}

export const shown = (cell: RawCell): PublishedCell => ({
  count: cell.count,
  copies: cell.copies,
  fees: cell.fees,
  suppressed: false,
  suppression: null,
});
export const withheld = (why: 'small' | 'complementary'): PublishedCell => ({
  count: null,
  copies: null,
  fees: null,
  suppressed: true,
  suppression: why,
});

/**
 * Which cells of one breakdown (all adding up to the total) are withheld.
 * Returns the indexes; `totalSmall` withholds every non-zero cell.
 */
export function suppressedIndexes(cells: readonly RawCell[], totalSmall: boolean): Set<number> {
  const out = new Set<number>();
  cells.forEach((cell, i) => {
    if (cell.count > 0 && (totalSmall || isSmall(cell))) out.add(i);
  });
  if (out.size === 1) {
    // One withheld cell = total − the others: withhold the smallest other non-zero cell as well.
    let next = -1;
    cells.forEach((cell, i) => {
      if (out.has(i) || cell.count === 0) return;
      if (next === -1 || cell.count < cells[next]!.count) next = i;
    });
    if (next !== -1) out.add(next);
  }
  return out;
}

export interface PublishedTable<K extends string> {
  total: PublishedCell;
  rows: ({ key: K } & PublishedCell)[];
}

/**
 * One breakdown published: every key in `keys` appears (zero when absent), in
 * that order, with its withheld cells. `total` is the whole range's cell.
 */
export function publishBreakdown<K extends string>(
  keys: readonly K[],
  cells: ReadonlyMap<K, RawCell>,
  total: RawCell,
): PublishedTable<K> {
  const raw = keys.map((key) => cells.get(key) ?? EMPTY_CELL);
  const totalSmall = isSmall(total);
  const hidden = suppressedIndexes(raw, totalSmall);
  // If the only candidate for secondary suppression was missing, the lone withheld cell equals
  // the total minus zeros: then the total must go too.
  const loneHidden = hidden.size === 1;
  return {
    total: totalSmall ? withheld('small') : loneHidden ? withheld('complementary') : shown(total),
    rows: keys.map((key, i) => ({
      key,
      ...(!hidden.has(i)
        ? shown(raw[i]!)
        : withheld(totalSmall || isSmall(raw[i]!) ? 'small' : 'complementary')),
    })),
  };
}
