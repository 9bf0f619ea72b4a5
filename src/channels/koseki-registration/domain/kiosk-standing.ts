import type { KosekiRegistrationRejection, KosekiRegistrationStatus } from '../../../db/schema.js';
import { formatEraDate } from '../../../domain/japanese-era.js';
import { AppError } from '../../../shared/errors.js';
import { type RejectionReason, rejectionText } from './rejection-reasons.js';
import { tokyoDateOf } from './usable-from.js';

/** One registration of the card at one 本籍地, as the kiosk check reads it. */
export interface CardRegistration {
  registration_id: string;
  certificate_serial: string;
  status: KosekiRegistrationStatus;
  applied_at: Date;
  decided_at: Date | null;
  koseki_id: number | null;
  member_no: number | null;
  usable_from: Date | null;
  rejection_reason: KosekiRegistrationRejection | null;
  rejection_note: string | null;
}

export type Standing =
  | { kind: 'usable'; registration: CardRegistration & { koseki_id: number; member_no: number } }
  | { kind: 'not_yet_usable'; usableFrom: Date }
  | { kind: 'pending' }
  | { kind: 'rejected'; reason: RejectionReason; note: string | null }
  /** Registered with the card's previous 利用者証明用電子証明書: renewal needs a new application. */
  | { kind: 'renewed' }
  | { kind: 'none' };

/**
 * Where the card holder stands at one 本籍地 at `now`. Only a registration of
 * the certificate the card holds now counts (JPKI: a renewed certificate needs
 * a new 利用者登録); an approval counts from its usable_from on.
 */
export function standingOf(
  rows: readonly CardRegistration[],
  certificateSerial: string,
  now: Date,
): Standing {
  const current = rows.filter((r) => r.certificate_serial === certificateSerial);
  const approved = current.filter((r) => r.status === 'approved');
  const usable = approved.find((r) => r.usable_from && r.usable_from.getTime() <= now.getTime());
  if (usable && usable.koseki_id !== null && usable.member_no !== null)
    return {
      kind: 'usable',
      registration: { ...usable, koseki_id: usable.koseki_id, member_no: usable.member_no },
    };
  const waiting = approved.find((r) => r.usable_from);
  if (waiting?.usable_from) return { kind: 'not_yet_usable', usableFrom: waiting.usable_from };
  if (current.some((r) => r.status === 'pending')) return { kind: 'pending' };
  const latest = [...current].sort((a, b) => b.applied_at.getTime() - a.applied_at.getTime())[0];
  if (latest?.status === 'rejected' && latest.rejection_reason)
    return { kind: 'rejected', reason: latest.rejection_reason, note: latest.rejection_note };
  if (rows.some((r) => r.status === 'approved')) return { kind: 'renewed' };
  return { kind: 'none' };
}

/** The kiosk's answer when the holder cannot print this 本籍地's 戸籍 now; the codes match the engine's rules. */
export function standingRefusal(standing: Exclude<Standing, { kind: 'usable' }>, municipalityName: string) {
  switch (standing.kind) {
    case 'not_yet_usable': {
      const on = tokyoDateOf(standing.usableFrom);
      return new AppError(
        'unprocessable',
        'koseki_user_registration_not_yet_usable',
        {
          ja: `${municipalityName}への利用者登録は承認されています。${formatEraDate(on)}からご利用いただけます。`,
          en: `Your user registration for ${municipalityName} is approved; it can be used from ${on}.`,
        },
        { extra: { usableFrom: standing.usableFrom.toISOString(), usableOn: on } },
      );
    }
    case 'pending':
      return new AppError('unprocessable', 'koseki_user_registration_pending', {
        ja: `${municipalityName}への利用者登録申請は、現在審査中です（申請から5日程度かかります）。`,
        en: `Your user registration for ${municipalityName} is still being reviewed (about five days from the application).`,
      });
    case 'rejected': {
      const why = rejectionText(standing.reason, standing.note);
      return new AppError(
        'unprocessable',
        'koseki_user_registration_rejected',
        {
          ja: `${municipalityName}への利用者登録申請は、次の理由で承認されませんでした: ${why.ja}。内容を確かめて、もう一度申請してください。`,
          en: `Your user registration for ${municipalityName} was not approved: ${why.en}. Please check the details and apply again.`,
        },
        { extra: { reason: standing.reason } },
      );
    }
    case 'renewed':
      return new AppError('unprocessable', 'koseki_user_registration_certificate_renewed', {
        ja: `マイナンバーカードの電子証明書が更新されたため、${municipalityName}への利用者登録申請をもう一度行ってください。`,
        en: `The certificate on your My Number card was renewed; please file the user registration for ${municipalityName} again.`,
      });
    case 'none':
      return new AppError('unprocessable', 'koseki_user_registration_required', {
        ja: `${municipalityName}の戸籍証明書を取得するには、事前に利用者登録申請が必要です（審査に5日程度かかります）。`,
        en: `To print family-register certificates of ${municipalityName}, first file a user registration (利用者登録申請); the review takes about five days.`,
      });
  }
}
