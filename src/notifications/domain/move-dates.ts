/**
 * The periods of 住民基本台帳法 for moving notifications:
 * - 転入 (第22条) and 転居 (第23条): within 14 days of the day the person started
 *   living at the new address — so never before that day, nor more than 14 days after.
 * - 転出 (第24条): before leaving, with the planned date; municipalities take it
 *   from 14 days before the planned date, and up to 14 days after an actual move.
 * A draft prepared on the phone may be filled before the move: its window is
 * widened by the draft's lifetime on the future side, and the law's periods are
 * checked again, strictly, on the day of acceptance.
 */
import type { UserMessage } from '../../shared/errors.js';
import type { NotificationKind } from './draft-content.js';

export const NOTIFICATION_PERIOD_DAYS = 14;

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The dates a move may have when notified on `today`: [earliest, latest], inclusive. */
export function moveDateWindow(
  kind: NotificationKind,
  today: string,
  stage: 'draft' | 'accept',
  draftLifetimeDays: number,
): { earliest: string; latest: string } {
  const earliest = addDays(today, -NOTIFICATION_PERIOD_DAYS);
  const ahead = kind === 'tenshutsu' ? NOTIFICATION_PERIOD_DAYS : 0;
  const latest = addDays(today, ahead + (stage === 'draft' ? draftLifetimeDays : 0));
  return { earliest, latest };
}

export function checkMoveDate(
  kind: NotificationKind,
  moveDate: string,
  today: string,
  stage: 'draft' | 'accept',
  draftLifetimeDays: number,
): UserMessage | undefined {
  const { earliest, latest } = moveDateWindow(kind, today, stage, draftLifetimeDays);
  if (moveDate < earliest) {
    return kind === 'tenshutsu'
      ? {
          ja: '転出した日から14日を過ぎています。届出期間を過ぎた届出は窓口でご相談ください。',
          en: 'More than 14 days have passed since the move out. Please ask at the counter about a late notification.',
        }
      : {
          ja: '住み始めた日から14日を過ぎています。届出期間を過ぎた届出は窓口でご相談ください。',
          en: 'More than 14 days have passed since the move. Please ask at the counter about a late notification.',
        };
  }
  if (moveDate > latest) {
    if (kind === 'tenshutsu')
      return {
        ja: '転出届は、転出予定日の14日前から届け出ることができます。',
        en: 'A moving-out notification can be filed from 14 days before the planned date.',
      };
    return stage === 'accept'
      ? {
          ja: `${kind === 'tennyu' ? '転入届' : '転居届'}は、実際に住み始めた日以後に届け出てください。`,
          en: 'This notification can only be filed once you live at the new address.',
        }
      : {
          ja: '異動日が先すぎます。下書きの有効期間内に届け出られる日付にしてください。',
          en: 'The move date is too far ahead: the draft would expire before it can be filed.',
        };
  }
  return undefined;
}
