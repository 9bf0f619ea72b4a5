/** The refusals of the notification flow, each with a stable code and words for the resident and the clerk. */
import { AppError, type ErrorDetail } from '../../shared/errors.js';

export const draftNotFound = () =>
  new AppError('not_found', 'notification_not_found', {
    ja: 'この受付番号の届出は見つかりません。QRコードをもう一度読み取るか、受付番号をお確かめください。',
    en: 'There is no notification with this reference. Scan the QR code again or check the reference.',
  });

export const draftExpired = (expiresAt: Date) =>
  new AppError(
    'gone',
    'notification_expired',
    {
      ja: 'この下書きは有効期限が過ぎたため使えません。お手数ですが、もう一度入力してください。',
      en: 'This draft has expired and can no longer be used. Please fill it in again.',
    },
    { extra: { expiredAt: expiresAt.toISOString() } },
  );

export const draftTampered = () =>
  new AppError('unprocessable', 'notification_tampered', {
    ja: 'この届出のデータは保存後に書き換えられた形跡があるため、受け付けられません。新しく作成し直してください。',
    en: 'The stored data of this notification has been altered and cannot be accepted. Please create it again.',
  });

export const editSecretMismatch = () =>
  new AppError('forbidden', 'notification_secret_mismatch', {
    ja: 'この下書きを見る・変更するための鍵が一致しません。下書きを作成した端末からお試しください。',
    en: 'The edit key does not match. Use the device that created the draft.',
  });

export const notEditable = (status: string) =>
  new AppError(
    'conflict',
    'notification_not_editable',
    {
      ja: 'この届出は窓口で受付中又は受付済みのため、スマートフォンからは変更・削除できません。',
      en: 'This notification is being handled at the counter (or is finished) and cannot be changed from the phone.',
    },
    { extra: { notificationStatus: status } },
  );

export const incomplete = (details: ErrorDetail[]) =>
  new AppError(
    'unprocessable',
    'notification_incomplete',
    {
      ja: '届出の内容に不足又は誤りがあります。各項目をご確認ください。',
      en: 'The notification is incomplete or has errors; see each item.',
    },
    { details },
  );

export const householdMismatch = (details: ErrorDetail[]) =>
  new AppError(
    'conflict',
    'household_mismatch',
    {
      ja: '届出の内容が、住民記録の現在の世帯と一致しません。内容を確認し、必要なら修正してください。住民記録は変更していません。',
      en: 'The notification does not match the household in the register; check and correct it. The register was not changed.',
    },
    { details },
  );

export const registerChanged = () =>
  new AppError('conflict', 'register_changed', {
    ja: '窓口で確認した後に、住民記録が変更されました（他の届出など）。届出を開き直して確認してください。住民記録は変更していません。',
    en: 'The register changed after the counter checked it (another notification?). Open the notification again. Nothing was changed.',
  });

export const contentChanged = (current: number) =>
  new AppError(
    'conflict',
    'notification_content_changed',
    {
      ja: '表示している内容より後に届出が変更されました。最新の内容を表示してから、もう一度お試しください。',
      en: 'The notification changed after it was shown. Show the latest content and try again.',
    },
    { extra: { contentVersion: current } },
  );

export const alreadyResident = (details: ErrorDetail[]) =>
  new AppError(
    'conflict',
    'already_resident',
    {
      ja: '転入する方が、すでにこの市区町村の住民として記録されています。住民記録は変更していません。',
      en: 'A person moving in is already an active resident here. The register was not changed.',
    },
    { details },
  );

export const municipalityNotFound = () =>
  new AppError('not_found', 'municipality_not_found', {
    ja: 'この地方公共団体コードの市区町村は、このシステムで受け付けていません。',
    en: 'This municipality is not served here.',
  });
