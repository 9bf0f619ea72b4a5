/**
 * The refusals of card authentication and the kiosk API, each with a stable
 * code (kiosks and tests match on it) and what the resident reads on screen.
 * Messages never say more than the person at the kiosk needs: a refused
 * certificate does not explain which check failed beyond what helps them act.
 */
import { AppError, type ErrorKind } from '../../shared/errors.js';

type Refusal = { kind: ErrorKind; ja: string; en: string };

const REFUSALS = {
  // ------------------------------------------------------------ challenges
  'card_auth.challenge_unknown': {
    kind: 'unauthenticated',
    ja: '認証の手続きが見つかりません。最初からやり直してください。',
    en: 'This authentication is unknown. Please start again.',
  },
  'card_auth.challenge_used': {
    kind: 'conflict',
    ja: 'この認証はすでに使われています。最初からやり直してください。',
    en: 'This authentication was already used. Please start again.',
  },
  'card_auth.challenge_expired': {
    kind: 'gone',
    ja: '時間切れになりました。最初からやり直してください。',
    en: 'The time ran out. Please start again.',
  },
  'card_auth.challenge_other_kiosk': {
    kind: 'forbidden',
    ja: 'この認証は別の端末で始められたものです。',
    en: 'This authentication was started on another terminal.',
  },
  'card_auth.certificate_mismatch': {
    kind: 'unauthenticated',
    ja: '読み取ったカードが途中で変わりました。最初からやり直してください。',
    en: 'The card changed during authentication. Please start again.',
  },
  'card_auth.municipality_unknown': {
    kind: 'not_found',
    ja: 'この市区町村はこのサービスに参加していません。',
    en: 'This municipality does not take part in this service.',
  },
  // ------------------------------------------------------------ certificate
  'card_auth.certificate_malformed': {
    kind: 'invalid',
    ja: 'カードの電子証明書を読み取れませんでした。カードを置き直してください。',
    en: 'The card certificate could not be read. Please place the card again.',
  },
  'card_auth.certificate_untrusted': {
    kind: 'unauthenticated',
    ja: 'このカードの電子証明書は確認できませんでした。マイナンバーカードをお使いください。',
    en: 'The card certificate could not be verified. Please use a My Number card.',
  },
  'card_auth.certificate_wrong_usage': {
    kind: 'unauthenticated',
    ja: 'このカードの電子証明書は本人確認に使えません。',
    en: 'This card certificate cannot be used to identify you.',
  },
  'card_auth.certificate_not_yet_valid': {
    kind: 'unauthenticated',
    ja: 'このカードの電子証明書はまだ有効になっていません。',
    en: 'This card certificate is not valid yet.',
  },
  'card_auth.certificate_expired': {
    kind: 'forbidden',
    ja: '利用者証明用電子証明書の有効期限が切れています。市区町村の窓口で更新してください。',
    en: 'The card certificate has expired. Please renew it at the municipal counter.',
  },
  'card_auth.certificate_revoked': {
    kind: 'forbidden',
    ja: '利用者証明用電子証明書が失効しています。市区町村の窓口にお問い合わせください。',
    en: 'The card certificate has been revoked. Please contact the municipal counter.',
  },
  'card_auth.signature_invalid': {
    kind: 'unauthenticated',
    ja: 'カードの確認ができませんでした。もう一度お試しください。',
    en: 'The card could not be verified. Please try again.',
  },
  // ------------------------------------------------------------ card and person
  'card_auth.card_unknown': {
    kind: 'unauthenticated',
    ja: 'このカードは登録されていません。市区町村の窓口にお問い合わせください。',
    en: 'This card is not registered. Please contact the municipal counter.',
  },
  'card_auth.card_other_municipality': {
    kind: 'forbidden',
    ja: 'この端末では、お住まいの市区町村の証明書は取り扱っていません。',
    en: 'This terminal does not serve your municipality.',
  },
  'card_auth.card_pin_locked': {
    kind: 'locked',
    ja: '暗証番号がロックされています。市区町村の窓口で暗証番号の再設定をしてください。',
    en: 'The PIN is locked. Please have it reset at the municipal counter.',
  },
  'card_auth.card_suspended': {
    kind: 'forbidden',
    ja: 'このカードは一時停止されています。市区町村の窓口にお問い合わせください。',
    en: 'This card is suspended. Please contact the municipal counter.',
  },
  'card_auth.card_revoked': {
    kind: 'forbidden',
    ja: 'このカードは廃止されています。市区町村の窓口にお問い合わせください。',
    en: 'This card has been cancelled. Please contact the municipal counter.',
  },
  'card_auth.card_expired': {
    kind: 'forbidden',
    ja: 'このカードの有効期限が切れています。市区町村の窓口で更新してください。',
    en: 'This card has expired. Please renew it at the municipal counter.',
  },
  'card_auth.resident_moved_out': {
    kind: 'forbidden',
    ja: '転出されているため、この端末ではご利用いただけません。市区町村の窓口にお問い合わせください。',
    en: 'You have moved out of this municipality, so this service is not available. Please contact the counter.',
  },
  'card_auth.resident_deceased': {
    kind: 'forbidden',
    ja: 'このカードはご利用いただけません。市区町村の窓口にお問い合わせください。',
    en: 'This card cannot be used. Please contact the municipal counter.',
  },
  'card_auth.card_rate_limited': {
    kind: 'rate_limited',
    ja: 'このカードでの認証の試行が多すぎます。しばらくしてからお試しください。',
    en: 'Too many attempts with this card. Please try again later.',
  },
  // ------------------------------------------------------------ sessions
  'card_session.invalid': {
    kind: 'unauthenticated',
    ja: 'カードでの本人確認が必要です。カードを置いてください。',
    en: 'Please identify yourself with your card first.',
  },
  'card_session.expired': {
    kind: 'unauthenticated',
    ja: '一定時間操作がなかったため終了しました。最初からやり直してください。',
    en: 'The session ended after a period of inactivity. Please start again.',
  },
  // ------------------------------------------------------------ PIN reset
  'card_pin_reset.card_unknown': {
    kind: 'not_found',
    ja: '該当するカードがありません。',
    en: 'There is no such card.',
  },
  'card_pin_reset.reason_required': {
    kind: 'invalid',
    ja: '再設定の理由を入力してください（500文字以内）。',
    en: 'Please give the reason for the reset (up to 500 characters).',
  },
  'card_pin_reset.not_locked': {
    kind: 'conflict',
    ja: 'このカードの暗証番号はロックされていません。',
    en: 'The PIN of this card is not locked.',
  },
  // ------------------------------------------------------------ kiosks
  'kiosk_auth.missing_headers': {
    kind: 'unauthenticated',
    ja: '端末の認証情報がありません。',
    en: 'The terminal did not authenticate this request.',
  },
  'kiosk_auth.unknown_kiosk': {
    kind: 'unauthenticated',
    ja: '登録されていない端末です。',
    en: 'This terminal is not registered.',
  },
  'kiosk_auth.signature_invalid': {
    kind: 'unauthenticated',
    ja: '端末の署名を確認できませんでした。',
    en: 'The terminal signature could not be verified.',
  },
  'kiosk_auth.stale_timestamp': {
    kind: 'unauthenticated',
    ja: '端末の時刻が大きくずれています。管理者にお知らせください。',
    en: 'The terminal clock is too far off. Please tell the administrator.',
  },
  'kiosk_auth.replayed': {
    kind: 'unauthenticated',
    ja: 'この要求はすでに受け付けています。',
    en: 'This request was already received.',
  },
  'kiosk_auth.out_of_service': {
    kind: 'forbidden',
    ja: 'この端末は現在休止中です。',
    en: 'This terminal is out of service.',
  },
  'kiosk_auth.rate_limited': {
    kind: 'rate_limited',
    ja: 'この端末からの要求が多すぎます。しばらくしてからお試しください。',
    en: 'Too many requests from this terminal. Please try again later.',
  },
  'kiosk.already_registered': {
    kind: 'conflict',
    ja: 'この端末IDはすでに登録されています。',
    en: 'This kiosk id is already registered.',
  },
  'kiosk.operator_mismatch': {
    kind: 'invalid',
    ja: '店舗の端末は事業者が、庁舎の端末は市区町村が運営者です。',
    en: 'Store kiosks are run by a store operator, town-hall kiosks by a municipality.',
  },
  'kiosk.reason_required': {
    kind: 'invalid',
    ja: '休止の理由（用紙切れ、保守など）を200文字以内で入力してください。',
    en: 'Please give the reason for taking the kiosk out of service (paper out, maintenance, …), up to 200 characters.',
  },
  'kiosk.not_found': {
    kind: 'not_found',
    ja: '該当する端末がありません。',
    en: 'There is no such kiosk.',
  },
  'kiosk.key_unsupported': {
    kind: 'invalid',
    ja: '端末の公開鍵は Ed25519 または ECDSA P-256 にしてください。',
    en: 'Kiosk keys must be Ed25519 or ECDSA P-256.',
  },
  // ------------------------------------------------------------ trust material
  'jpki.ca_invalid': {
    kind: 'invalid',
    ja: '認証局の証明書として使えません。',
    en: 'This is not a usable CA certificate.',
  },
  'jpki.crl_invalid': {
    kind: 'invalid',
    ja: '失効リストを読み取れないか、信頼する認証局の署名がありません。',
    en: 'The revocation list is unreadable or not signed by a trusted CA.',
  },
} satisfies Record<string, Refusal>;

export type RefusalCode = keyof typeof REFUSALS;

export function refusal(
  code: RefusalCode,
  options: { extra?: Record<string, unknown>; message?: string; cause?: unknown } = {},
): AppError {
  const r: Refusal = REFUSALS[code];
  return new AppError(r.kind, code, { ja: r.ja, en: r.en }, options);
}

export function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(REFUSALS, code);
}
