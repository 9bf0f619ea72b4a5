/**
 * What a kiosk needs from a My Number card's 利用者証明用 application, whatever
 * holds it: the virtual card file of the demo and tests, or a PC/SC reader
 * talking to the real chip (JPKI-AP) later. The private key never leaves the
 * card; the kiosk only ever sees the certificate and signatures.
 */
export interface CardReader {
  /** The 利用者証明用電子証明書 as DER. Readable without the PIN, as on the real card. */
  readCertificate(): Promise<Buffer>;
  /**
   * Verifies the PIN on the card and signs `challenge` (SHA-256, then ECDSA P-256
   * or RSA PKCS#1 v1.5 by the key's type). Throws CardPinIncorrectError with the
   * retries left, or CardLockedError once the counter reached zero.
   */
  sign(challenge: Uint8Array, pin: string): Promise<Buffer>;
  /** The PIN retry counter as the card reports it (0 = locked). */
  retriesLeft(): Promise<number>;
}

/** 利用者証明用 PIN: 4 digits; the card allows 3 wrong tries. */
export const CARD_PIN_PATTERN = /^[0-9]{4}$/;
export const CARD_PIN_MAX_RETRIES = 3;

export type CardErrorCode = 'pin_incorrect' | 'pin_locked' | 'pin_malformed' | 'card_unreadable';

/**
 * Errors a card (reader) reports to the kiosk. They are device answers, not
 * server decisions, so they are not AppErrors: the kiosk shows them and tells
 * the server about a lock (POST /auth/card-locked).
 */
export class CardError extends Error {
  readonly code: CardErrorCode;
  constructor(code: CardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CardError';
    this.code = code;
  }
}

export class CardPinIncorrectError extends CardError {
  readonly retriesLeft: number;
  constructor(retriesLeft: number) {
    super('pin_incorrect', `wrong PIN; ${retriesLeft} tries left`);
    this.name = 'CardPinIncorrectError';
    this.retriesLeft = retriesLeft;
  }
}

export class CardLockedError extends CardError {
  constructor() {
    super('pin_locked', 'the PIN is locked; it can only be reset at the municipal counter');
    this.name = 'CardLockedError';
  }
}

/** Messages the kiosk screen shows for the card's own answers. */
export const CARD_ERROR_MESSAGES: Record<CardErrorCode, { ja: string; en: string }> = {
  pin_incorrect: {
    ja: '暗証番号が違います。3回続けて間違えると、カードがロックされます。',
    en: 'The PIN is wrong. Three wrong PINs in a row lock the card.',
  },
  pin_locked: {
    ja: '暗証番号がロックされています。市区町村の窓口で暗証番号の再設定をしてください。',
    en: 'The PIN is locked. Please have it reset at the municipal counter.',
  },
  pin_malformed: {
    ja: '暗証番号は数字4桁で入力してください。',
    en: 'Please enter the 4-digit PIN.',
  },
  card_unreadable: {
    ja: 'カードを読み取れませんでした。置き直してください。',
    en: 'The card could not be read. Please place it again.',
  },
};
