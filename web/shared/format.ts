import type { LanguageCode } from './i18n/languages';

/**
 * Dates for people: Japanese readers get the Japanese era (令和8年5月3日(日)),
 * everyone else their own calendar format.
 */
export function formatDate(date: Date, lng: LanguageCode): string {
  if (lng === 'ja')
    return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
    }).format(date);
  return new Intl.DateTimeFormat(lng, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

export function formatTime(date: Date, lng: LanguageCode, seconds = false): string {
  return new Intl.DateTimeFormat(lng === 'ja' ? 'ja-JP' : lng, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(date);
}
