import { AppError } from '../../../shared/errors.js';

/** Refusals of the application and review steps; the kiosk's use refusals are in kiosk-standing.ts. */
export const registrationErrors = {
  residenceMunicipality: () =>
    new AppError('unprocessable', 'koseki_registration.residence_municipality', {
      ja: 'お住まいの市区町村の戸籍証明書は、利用者登録をしなくても取得できます。',
      en: 'Family-register certificates of the town you live in need no user registration.',
    }),
  municipalityNotServed: () =>
    new AppError('not_found', 'koseki_registration.municipality_not_served', {
      ja: 'この市区町村の戸籍証明書は、この端末では取り扱っていません。',
      en: 'Family-register certificates of this municipality are not available here.',
    }),
  foreignResident: () =>
    new AppError('unprocessable', 'koseki_registration.no_koseki', {
      ja: '外国籍の方には戸籍がないため、利用者登録申請はできません。',
      en: 'Foreign nationals have no family register, so no user registration can be filed.',
    }),
  residentNotFound: () =>
    new AppError('not_found', 'koseki_registration.applicant_not_found', {
      ja: 'お住まいの市区町村の住民記録が見つかりません。窓口にお問い合わせください。',
      en: 'Your resident record was not found. Please ask at the counter.',
    }),
  alreadyPending: () =>
    new AppError('conflict', 'koseki_registration.already_pending', {
      ja: 'この市区町村への利用者登録申請は、すでに審査中です（申請から5日程度かかります）。',
      en: 'A user registration for this municipality is already being reviewed (about five days from the application).',
    }),
  alreadyApproved: () =>
    new AppError('conflict', 'koseki_registration.already_approved', {
      ja: 'この市区町村への利用者登録は、すでに承認されています。',
      en: 'Your user registration for this municipality is already approved.',
    }),
  idempotencyKeyReused: () =>
    new AppError('conflict', 'koseki_registration.idempotency_key_reused', {
      ja: 'この受付番号は別の内容の申請に使われています。新しい申請としてやり直してください。',
      en: 'This idempotency key was used for a different application. Start a new application.',
    }),
  notFound: () =>
    new AppError('not_found', 'koseki_registration.not_found', {
      ja: '該当する利用者登録申請がありません。',
      en: 'There is no such user registration application.',
    }),
  alreadyDecided: (status: string) =>
    new AppError(
      'conflict',
      'koseki_registration.already_decided',
      {
        ja: 'この申請は、すでに審査が終わっています。',
        en: 'This application has already been decided.',
      },
      { extra: { currentStatus: status } },
    ),
  noCandidate: () =>
    new AppError('unprocessable', 'koseki_registration.no_candidate', {
      ja: '申請の本籍・筆頭者・氏名・生年月日に合う戸籍がないため、承認できません。理由を選んで却下してください。',
      en: 'No register matches the 本籍, 筆頭者, name and date of birth applied for, so it cannot be approved; reject it with a reason.',
    }),
  notACandidate: () =>
    new AppError('unprocessable', 'koseki_registration.not_a_candidate', {
      ja: '選ばれた戸籍の方は、申請の本籍・筆頭者・氏名・生年月日と一致しないため、承認できません。',
      en: 'The chosen register member does not match the 本籍, 筆頭者, name and date of birth applied for.',
    }),
  noteRequired: () =>
    new AppError('invalid', 'koseki_registration.note_required', {
      ja: '「その他」を選んだときは、理由を記入してください。',
      en: 'Write the reason when choosing "other".',
    }),
};
