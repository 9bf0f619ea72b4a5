/**
 * Japanese era dates for certificates: 令和6年2月9日, with 元年 for year 1.
 * Dates are ISO strings (YYYY-MM-DD); no time zones are involved.
 */
export interface Era {
  name: string;
  alphabet: string;
  /** First day of the era (inclusive). */
  start: string;
}

// Dates before 明治6年 (1873) used the lunar calendar; registries hold none of them.
export const ERAS: readonly Era[] = [
  { name: '令和', alphabet: 'R', start: '2019-05-01' },
  { name: '平成', alphabet: 'H', start: '1989-01-08' },
  { name: '昭和', alphabet: 'S', start: '1926-12-25' },
  { name: '大正', alphabet: 'T', start: '1912-07-30' },
  { name: '明治', alphabet: 'M', start: '1868-01-25' },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface EraDate {
  era: Era;
  year: number;
  month: number;
  day: number;
}

export function toEraDate(iso: string): EraDate {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const era = ERAS.find((e) => iso >= e.start);
  if (!era) throw new RangeError(`before the 明治 era: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const startYear = Number(era.start.slice(0, 4));
  return { era, year: y - startYear + 1, month: m, day: d };
}

/** 令和6年2月9日 / 令和元年5月1日. Digits are ASCII unless `fullWidth`. */
export function formatEraDate(iso: string, options: { fullWidth?: boolean } = {}): string {
  const { era, year, month, day } = toEraDate(iso);
  const text = `${era.name}${year === 1 ? '元' : year}年${month}月${day}日`;
  return options.fullWidth ? toFullWidthDigits(text) : text;
}

/** 令和6年 for a year (the era in force on 1 January, or the later one when it changed mid-year if `end`). */
export function formatEraYear(year: number): string {
  const era = ERAS.find((e) => `${year}-12-31` >= e.start);
  if (!era) throw new RangeError(`before the 明治 era: ${year}`);
  const n = year - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${n === 1 ? '元' : n}年`;
}

/** Parses 令和6年2月9日 (or R6.2.9) back to ISO; refuses dates that do not exist in that era. */
export function parseEraDate(text: string): string {
  const normalized = text.normalize('NFKC').trim();
  const m =
    /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*日?$/.exec(
      normalized,
    );
  if (!m) throw new RangeError(`not an era date: ${text}`);
  const era = ERAS.find((e) => e.name === m[1] || e.alphabet === m[1]);
  if (!era) throw new RangeError(`unknown era: ${m[1]}`);
  const year = m[2] === '元' ? 1 : Number(m[2]);
  const gregorian = Number(era.start.slice(0, 4)) + year - 1;
  const iso = `${gregorian}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  if (!isIsoDate(iso)) throw new RangeError(`no such date: ${text}`);
  const next = ERAS[ERAS.indexOf(era) - 1];
  if (iso < era.start || (next && iso >= next.start)) throw new RangeError(`outside the era: ${text}`);
  return iso;
}

export function toFullWidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Age in whole years on a date (the Japanese legal age counts from the day before the birthday; for display it is the same). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
