import type { KosekiRegistrationRejection } from '../../../db/schema.js';
import type { UserMessage } from '../../../shared/errors.js';

/** The reasons a reviewer picks from; `other` needs a written note, which the applicant is shown. */
export const REJECTION_REASONS = [
  'honseki_mismatch',
  'hittosha_mismatch',
  'no_matching_person',
  'other',
] as const satisfies readonly KosekiRegistrationRejection[];

export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_LABELS: Record<RejectionReason, UserMessage> = {
  honseki_mismatch: { ja: '本籍の誤り', en: 'the 本籍 (registered domicile) given is not correct' },
  hittosha_mismatch: {
    ja: '筆頭者の誤り',
    en: 'the head of the family register (筆頭者) given is not correct',
  },
  no_matching_person: {
    ja: '該当者なし',
    en: 'no person with your name and date of birth is recorded in that register',
  },
  other: { ja: 'その他', en: 'other' },
};

export const REJECTION_NOTE_MAX = 200;

/** The reason as the applicant reads it: the label, and the reviewer's note when there is one. */
export function rejectionText(reason: RejectionReason, note: string | null): UserMessage {
  const label = REJECTION_LABELS[reason];
  return note
    ? { ja: `${label.ja}（${note}）`, en: `${label.en} (${note})` }
    : { ja: label.ja, en: label.en };
}
