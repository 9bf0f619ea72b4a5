/**
 * Refusals of staff login, sessions and staff administration, each with a
 * stable code and what the clerk reads. Login failures share one message on
 * purpose: which factor was wrong, or whether the account exists, is written to
 * the audit trail for the auditor, never told to whoever is typing.
 */
import { AppError, type ErrorDetail, type ErrorKind } from '../../shared/errors.js';

type Refusal = { kind: ErrorKind; ja: string; en: string };

const REFUSALS = {
  'staff.login_failed': {
    kind: 'unauthenticated',
    ja: 'ログインできませんでした。ログインID・パスワード・確認コードを確かめてください。失敗が続くと、しばらくログインできなくなります。',
    en: 'Login failed. Check your login ID, password and verification code. After repeated failures, login is blocked for a while.',
  },
  'staff.login_rate_limited': {
    kind: 'rate_limited',
    ja: 'ログインの試行が多すぎます。しばらくしてからお試しください。',
    en: 'Too many login attempts. Please try again later.',
  },
  'staff.session_required': {
    kind: 'unauthenticated',
    ja: '職員としてのログインが必要です。',
    en: 'Please log in as a member of staff.',
  },
  'staff.session_expired': {
    kind: 'unauthenticated',
    ja: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    en: 'Your session has expired. Please log in again.',
  },
  'staff.csrf_invalid': {
    kind: 'forbidden',
    ja: '画面を読み込み直してから、もう一度操作してください。',
    en: 'Please reload the page and try again (missing or wrong CSRF token).',
  },
  'staff.setup_required': {
    kind: 'forbidden',
    ja: '先にパスワードの変更と確認コード（二要素認証）の登録を済ませてください。',
    en: 'Please change your password and register your authenticator first.',
  },
  'staff.permission_denied': {
    kind: 'forbidden',
    ja: 'この操作を行う権限がありません。',
    en: 'You are not allowed to do this.',
  },
  'staff.not_found': {
    kind: 'not_found',
    ja: '該当する職員アカウントがありません。',
    en: 'There is no such staff account.',
  },
  'staff.login_name_taken': {
    kind: 'conflict',
    ja: 'このログインIDはすでに使われています。',
    en: 'This login ID is already in use.',
  },
  'staff.password_policy': {
    kind: 'unprocessable',
    ja: 'このパスワードは使えません。',
    en: 'This password cannot be used.',
  },
  'staff.current_password_wrong': {
    kind: 'forbidden',
    ja: '現在のパスワードが正しくありません。',
    en: 'The current password is not correct.',
  },
  'staff.totp_already_enrolled': {
    kind: 'conflict',
    ja: '確認コードはすでに登録されています。再登録は管理者に依頼してください。',
    en: 'An authenticator is already registered. Ask an administrator to reset it.',
  },
  'staff.totp_not_started': {
    kind: 'conflict',
    ja: '確認コードの登録が始まっていません。最初からやり直してください。',
    en: 'Authenticator registration has not been started.',
  },
  'staff.totp_code_wrong': {
    kind: 'unprocessable',
    ja: '確認コードが正しくありません。アプリに表示されている最新のコードを入力してください。',
    en: 'The verification code is not correct. Enter the current code from the app.',
  },
  'staff.self_change_refused': {
    kind: 'forbidden',
    ja: '自分自身のアカウントに対してこの操作はできません。別の管理者に依頼してください。',
    en: 'You cannot do this to your own account. Ask another administrator.',
  },
  'staff.role_combination': {
    kind: 'unprocessable',
    ja: 'この役割の組み合わせは設定できません（管理者と監査は兼務できません）。',
    en: 'These roles cannot be combined (administrator and auditor must be different people).',
  },
  'staff.account_disabled': {
    kind: 'conflict',
    ja: 'このアカウントは無効になっています。',
    en: 'This account is disabled.',
  },
  'staff.account_not_disabled': {
    kind: 'conflict',
    ja: 'このアカウントは無効になっていません。',
    en: 'This account is not disabled.',
  },
} as const satisfies Record<string, Refusal>;

export type StaffRefusal = keyof typeof REFUSALS;

export function staffError(
  code: StaffRefusal,
  options: { details?: ErrorDetail[]; extra?: Record<string, unknown>; message?: string } = {},
): AppError {
  const refusal: Refusal = REFUSALS[code];
  return new AppError(refusal.kind, code, { ja: refusal.ja, en: refusal.en }, options);
}

const POLICY_DETAILS: Record<string, ErrorDetail> = {
  too_short: {
    at: 'newPassword',
    ja: 'パスワードは12文字以上にしてください。',
    en: 'Use at least 12 characters.',
  },
  too_long: {
    at: 'newPassword',
    ja: 'パスワードは128文字以内にしてください。',
    en: 'Use at most 128 characters.',
  },
  contains_login_name: {
    at: 'newPassword',
    ja: 'パスワードにログインIDを含めないでください。',
    en: 'The password must not contain the login ID.',
  },
  same_as_current: {
    at: 'newPassword',
    ja: '現在と異なるパスワードにしてください。',
    en: 'Choose a password different from the current one.',
  },
};

export function passwordPolicyError(problem: string): AppError {
  const detail = POLICY_DETAILS[problem];
  return staffError('staff.password_policy', { details: detail ? [detail] : [], extra: { problem } });
}
