import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with node:crypto.
 * Staff use ordinary authenticator apps, which expect SHA-1, 6 digits and a
 * 30-second step; the other algorithms exist so the RFC's test vectors can be
 * checked in full.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParams {
  algorithm: TotpAlgorithm;
  digits: number;
  periodSeconds: number;
}

export const STAFF_TOTP: TotpParams = { algorithm: 'sha1', digits: 6, periodSeconds: 30 };

/** Accepted steps either side of the current one, for phone clocks a little off. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps read it. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error('not base32');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP: HMAC of the 8-byte big-endian counter, dynamically truncated. */
export function hotp(
  secret: Uint8Array,
  counter: number,
  digits = 6,
  algorithm: TotpAlgorithm = 'sha1',
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

export function totpStep(unixSeconds: number, periodSeconds = STAFF_TOTP.periodSeconds): number {
  return Math.floor(unixSeconds / periodSeconds);
}

export function totp(secret: Uint8Array, unixSeconds: number, params: TotpParams = STAFF_TOTP): string {
  return hotp(secret, totpStep(unixSeconds, params.periodSeconds), params.digits, params.algorithm);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'reused' | 'malformed' };

/**
 * Checks a code against the steps around `now`. A code whose step is not after
 * `lastUsedStep` is refused as reused: once a code has opened a session, that
 * code and every older one are spent, so a code seen over a shoulder is worthless.
 */
export function checkTotp(
  secret: Uint8Array,
  code: string,
  now: Date,
  lastUsedStep: number | null,
  params: TotpParams = STAFF_TOTP,
): TotpCheck {
  if (!new RegExp(`^[0-9]{${params.digits}}$`).test(code)) return { ok: false, reason: 'malformed' };
  const current = totpStep(Math.floor(now.getTime() / 1000), params.periodSeconds);
  const given = Buffer.from(code);
  let matched: number | undefined;
  // Every candidate is computed and compared, so the time taken does not tell which step matched.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    const expected = Buffer.from(hotp(secret, step, params.digits, params.algorithm));
    if (timingSafeEqual(expected, given) && matched === undefined) matched = step;
  }
  if (matched === undefined) return { ok: false, reason: 'wrong' };
  if (lastUsedStep !== null && matched <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step: matched };
}

/** 20 random bytes: the HMAC-SHA-1 key length RFC 4226 recommends. */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The enrolment URI an authenticator app reads from a QR code (Key Uri Format). */
export function otpauthUri(secret: Uint8Array, issuer: string, accountName: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const query = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: STAFF_TOTP.algorithm.toUpperCase(),
    digits: String(STAFF_TOTP.digits),
    period: String(STAFF_TOTP.periodSeconds),
  });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}
