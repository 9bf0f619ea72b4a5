import type { RegistrationRow } from '../data/koseki-registration.repository.js';
import { type RejectionReason, rejectionText } from '../domain/rejection-reasons.js';
import { defaultUsableFrom, tokyoDateOf } from '../domain/usable-from.js';

/** What the applicant sees of an application: no register contents, only its state. */
export function applicantView(row: RegistrationRow, municipality: { code: string; name: string }) {
  return {
    registrationId: row.registration_id,
    municipality: { code: municipality.code, name: municipality.name },
    honseki: row.honseki,
    hittosha: row.hittosha,
    status: row.status,
    appliedAt: new Date(row.applied_at).toISOString(),
    ...(row.status === 'pending'
      ? { expectedUsableOn: tokyoDateOf(defaultUsableFrom(new Date(row.applied_at))) }
      : {}),
    ...(row.status === 'approved' && row.usable_from
      ? {
          usableFrom: new Date(row.usable_from).toISOString(),
          usableOn: tokyoDateOf(new Date(row.usable_from)),
        }
      : {}),
    ...(row.status === 'rejected' && row.rejection_reason
      ? {
          rejection: {
            reason: row.rejection_reason,
            // The reviewer's words on their own, for screens that translate the reason themselves.
            note: row.rejection_note,
            ...rejectionText(row.rejection_reason as RejectionReason, row.rejection_note),
          },
        }
      : {}),
  };
}

/** What a reviewer sees: the applicant as the card established them, what they typed, and the decision. */
export function reviewerView(row: RegistrationRow) {
  return {
    registrationId: row.registration_id,
    status: row.status,
    appliedAt: new Date(row.applied_at).toISOString(),
    kioskId: row.kiosk_id,
    applicant: {
      municipalityCode: row.applicant_municipality_code,
      cardSerial: row.card_serial,
      certificateSerial: row.certificate_serial,
      familyName: row.family_name,
      givenName: row.given_name,
      familyNameKana: row.family_name_kana,
      givenNameKana: row.given_name_kana,
      birthDate: row.birth_date,
      sex: row.sex,
      postalCode: row.postal_code,
      address: row.address,
      katagaki: row.katagaki,
    },
    typed: { honseki: row.honseki, hittosha: row.hittosha },
    decision:
      row.status === 'pending'
        ? null
        : {
            decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
            decidedBy: row.decided_by,
            ...(row.status === 'approved'
              ? {
                  kosekiId: row.koseki_id,
                  memberNo: row.member_no,
                  usableFrom: row.usable_from ? new Date(row.usable_from).toISOString() : null,
                }
              : { reason: row.rejection_reason, note: row.rejection_note }),
          },
  };
}
