import { formatDate } from '../format';
import type { LanguageCode } from '../i18n/languages';

/** An ISO date (YYYY-MM-DD) for people: the Japanese era for Japanese readers. */
export function formatIsoDate(iso: string | null | undefined, lng: LanguageCode): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso ?? '';
  return formatDate(new Date(`${iso}T12:00:00+09:00`), lng);
}

/** A moment (ISO timestamp) as date and time on the Tokyo clock. */
export function formatMoment(iso: string, lng: LanguageCode): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(lng === 'ja' ? 'ja-JP' : lng, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Tokyo',
  }).format(date);
  return `${formatDate(date, lng)} ${time}`;
}
