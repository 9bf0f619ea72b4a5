/**
 * Dates and times on the console are Japan's, whatever zone the workstation's
 * clock is set to: the audit trail, the counter's day and the ordinances all
 * run on JST. Japanese readers get the Japanese era.
 */
import type { LanguageCode } from '../shared/i18n/languages';

const ZONE = 'Asia/Tokyo';

function locale(lng: LanguageCode): string {
  return lng === 'ja' ? 'ja-JP-u-ca-japanese' : lng;
}

/** 令和8年5月3日(日) */
export function formatDay(date: Date, lng: LanguageCode): string {
  return new Intl.DateTimeFormat(locale(lng), {
    timeZone: ZONE,
    ...(lng === 'ja' ? { era: 'long' as const } : {}),
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** 14:03 or 14:03:22 */
export function formatClock(date: Date, lng: LanguageCode, seconds = false): string {
  return new Intl.DateTimeFormat(lng === 'ja' ? 'ja-JP' : lng, {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  }).format(date);
}

/** 令和8年5月3日(日) 14:03:22 */
export function formatMoment(date: Date, lng: LanguageCode, seconds = true): string {
  return `${formatDay(date, lng)} ${formatClock(date, lng, seconds)}`;
}

/** An ISO date (1980-04-01) as a day, without shifting it through a time zone. */
export function formatIsoDate(iso: string, lng: LanguageCode): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  // Noon in Japan is the same calendar day everywhere the formatter might think it is.
  return formatDay(new Date(`${iso}T12:00:00+09:00`), lng);
}

/** Today in Japan as YYYY-MM-DD. */
export function todayInJapan(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts;
}

/** ¥1,234 for Japanese readers as 1,234円. */
export function formatYen(amount: number, lng: LanguageCode): string {
  if (lng === 'ja') return `${new Intl.NumberFormat('ja-JP').format(amount)}円`;
  return new Intl.NumberFormat(lng, { style: 'currency', currency: 'JPY' }).format(amount);
}
