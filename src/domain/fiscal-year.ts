/**
 * 年度: the Japanese fiscal year runs from 1 April to 31 March and is named
 * after the calendar year it starts in (2024年度 = 2024-04-01 … 2025-03-31).
 * Issue numbers restart every 年度, so the boundary must be taken on the
 * Tokyo wall clock, not the server's.
 */
import { formatEraYear, isIsoDate } from './japanese-era.js';
import { tokyoDate } from './service-hours.js';

export type IsoDate = string;

/** The 年度 of an ISO date. */
export function fiscalYearOf(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '04-01' ? year : year - 1;
}

/** The 年度 of an instant, read on the Tokyo wall clock (UTC+9, no daylight saving). */
export function fiscalYearAt(at: Date): number {
  return fiscalYearOf(tokyoDate(at));
}

/** First and last day (inclusive) of a 年度. */
export function fiscalYearRange(fiscalYear: number): { from: IsoDate; to: IsoDate } {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9998) {
    throw new RangeError(`not a fiscal year: ${fiscalYear}`);
  }
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/**
 * 令和6年度: the era in force at the end of the 年度's first calendar year, so
 * 2019 is 令和元年度 (as most official documents name it) and 1988 is 昭和63年度.
 */
export function formatFiscalYear(fiscalYear: number): string {
  fiscalYearRange(fiscalYear);
  return `${formatEraYear(fiscalYear)}度`;
}
