/**
 * What the kiosk agent itself refuses, before or instead of the server: the
 * card's own answers (wrong PIN, locked), the devices' state, and steps taken
 * out of order. Codes are stable (the screen translates them); messages say
 * what the person at the machine should do.
 */
import { AppError, type ErrorKind } from '../../../shared/errors.js';

const REFUSALS = {
  'kiosk_agent.not_configured': {
    kind: 'unavailable',
    ja: 'この端末は準備中です。係員にお知らせください。',
    en: 'This terminal is not set up yet. Please tell a member of staff.',
  },
  'kiosk_agent.no_card': {
    kind: 'conflict',
    ja: 'カードが置かれていません。カードリーダーにマイナンバーカードを置いてください。',
    en: 'No card is on the reader. Please place your My Number card on the reader.',
  },
  'kiosk_agent.card_unreadable': {
    kind: 'unprocessable',
    ja: 'カードを読み取れませんでした。カードを置き直してください。',
    en: 'The card could not be read. Please place it again.',
  },
  'kiosk_agent.pin_incorrect': {
    kind: 'unauthenticated',
    ja: '暗証番号が違います。',
    en: 'The PIN is wrong.',
  },
  'kiosk_agent.card_locked': {
    kind: 'locked',
    ja: '暗証番号が3回続けて間違えられたため、カードがロックされました。市区町村の窓口で暗証番号の再設定をしてください。',
    en: 'The card is locked after three wrong PINs. Please have the PIN reset at the municipal counter.',
  },
  'kiosk_agent.no_session': {
    kind: 'conflict',
    ja: '手続きが終了しています。最初からやり直してください。',
    en: 'The session has ended. Please start again.',
  },
  'kiosk_agent.not_authenticated': {
    kind: 'conflict',
    ja: '暗証番号の確認が済んでいません。',
    en: 'The PIN has not been checked yet.',
  },
  'kiosk_agent.no_order': {
    kind: 'conflict',
    ja: 'お支払いが始まっていません。内容を確認してから、お支払いへ進んでください。',
    en: 'No payment has been started. Confirm the request, then go on to payment.',
  },
  'kiosk_agent.payment_incomplete': {
    kind: 'conflict',
    ja: 'お支払い額に足りません。',
    en: 'Not enough money has been inserted yet.',
  },
  'kiosk_agent.sale_exists': {
    kind: 'conflict',
    ja: 'この手続きの証明書はすでに発行されています。',
    en: 'The certificate of this session has already been issued.',
  },
  'kiosk_agent.no_failed_print': {
    kind: 'conflict',
    ja: '再印刷や返金ができる証明書はありません。',
    en: 'There is no failed print to reprint or refund.',
  },
  'kiosk_agent.cash_refused': {
    kind: 'unprocessable',
    ja: 'この硬貨・紙幣は使えません。返却口からお取りください。',
    en: 'This coin or note cannot be used. Please take it from the return tray.',
  },
  'kiosk_agent.not_simulated': {
    kind: 'not_found',
    ja: 'この端末の装置は実機です。',
    en: 'This terminal uses real devices, not simulators.',
  },
  'kiosk_agent.cross_site': {
    kind: 'forbidden',
    ja: 'この端末の画面以外からは操作できません。',
    en: 'Only the terminal’s own screen may operate it.',
  },
} as const satisfies Record<string, { kind: ErrorKind; ja: string; en: string }>;

export type AgentRefusalCode = keyof typeof REFUSALS;

export function agentRefusal(
  code: AgentRefusalCode,
  options: { extra?: Record<string, unknown>; cause?: unknown } = {},
): AppError {
  const { kind, ja, en } = REFUSALS[code];
  return new AppError(kind, code, { ja, en }, options);
}
