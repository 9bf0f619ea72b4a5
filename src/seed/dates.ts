/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), the unit the
 * generator thinks in. Day numbers avoid Date objects and time zones in the
 * hot loop: a birth date is a civil date, never an instant.
 */
import { tokyoDate } from '../domain/service-hours.js';

export type Day = number;

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayFromYmd(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (civil_from_days). */
export function ymdFromDay(dayNumber: Day): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayFromIso(iso: string): Day {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const result = dayFromYmd(year, month, day);
  const [y2, m2, d2] = ymdFromDay(result);
  if (y2 !== year || m2 !== month || d2 !== day) throw new RangeError(`not a calendar date: ${iso}`);
  return result;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoFromDay(dayNumber: Day): string {
  const [y, m, d] = ymdFromDay(dayNumber);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function yearOf(dayNumber: Day): number {
  return ymdFromDay(dayNumber)[0];
}

/** The same month and day n years later; 29 February becomes 28 February in common years. */
export function addYears(dayNumber: Day, years: number): Day {
  const [y, m, d] = ymdFromDay(dayNumber);
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  return dayFromYmd(target, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/**
 * Age in completed years on a date. Japanese law (年齢計算ニ関スル法律) ages a
 * person at the end of the day before the birthday; for counting completed
 * years on a given day the ordinary rule gives the same answer.
 */
export function ageOn(birth: Day, on: Day): number {
  const [by, bm, bd] = ymdFromDay(birth);
  const [y, m, d] = ymdFromDay(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Today's date in Japan (UTC+9, no daylight saving time). */
export function todayInJapan(now: Date = new Date()): string {
  return tokyoDate(now);
}

/** 年度: the fiscal year that contains the day (April to March). */
export function fiscalYearOf(dayNumber: Day): number {
  const [y, m] = ymdFromDay(dayNumber);
  return m >= 4 ? y : y - 1;
}
