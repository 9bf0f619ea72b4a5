/**
 * Numbers in content streams: two decimals (1/7200 inch is far below what a
 * printer shows), no exponent, no negative zero — the same number always gives
 * the same bytes.
 */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}
