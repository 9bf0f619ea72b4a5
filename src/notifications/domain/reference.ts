/**
 * The draft's reference and the resident's edit secret. The reference is all a
 * QR code carries: 128 random bits, so it cannot be guessed or enumerated, and
 * no personal data. Reading or changing the draft from the phone also needs the
 * edit secret, which only the phone that made the draft holds; the server keeps
 * its hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford base32, as the certificates' verification codes: no I, L, O, U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_LENGTH = 26;
const REFERENCE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** 26 characters: 128 bits read five at a time (the first character holds the top three bits). */
export function encodeReference(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError('a reference is 16 bytes');
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

export function newReference(): string {
  return encodeReference(randomBytes(16));
}

/**
 * What a person or a scanner gives back, made canonical: lower case, O for 0 and
 * I/L for 1 as read aloud, spaces and dashes dropped. Also accepts the whole QR
 * text (see draftQrText). Undefined when it cannot be a reference.
 */
export function normalizeReference(input: string): string | undefined {
  const fromQr = parseDraftQr(input);
  const raw = fromQr ? fromQr.reference : input;
  const cleaned = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return REFERENCE.test(cleaned) ? cleaned : undefined;
}

const QR_PREFIX = 'MDGN1';

/** The QR code's text: a format tag, the municipality code and the reference — nothing personal. */
export function draftQrText(municipalityCode: string, reference: string): string {
  return `${QR_PREFIX}:${municipalityCode}:${reference}`;
}

export function parseDraftQr(text: string): { municipalityCode: string; reference: string } | undefined {
  const m = /^MDGN1:(\d{6}):([0-9A-Za-z]{26})$/.exec(text.trim());
  return m ? { municipalityCode: m[1]!, reference: m[2]!.toUpperCase() } : undefined;
}

/** 256 random bits for the phone that made the draft. */
export function newEditSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashEditSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function editSecretMatches(secret: string | undefined, storedHash: string | null): boolean {
  if (!secret || !storedHash) return false;
  const given = Buffer.from(hashEditSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The 転出証明書's verification code: 20 characters (100 bits) in groups of four, as on other certificates. */
export function newCertificateCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (let i = 0; i < 20; i++) code += ALPHABET[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

const CERTIFICATE_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

export function normalizeCertificateCode(input: string): string | undefined {
  const cleaned = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== 20) return undefined;
  const code = cleaned.match(/.{4}/g)!.join('-');
  return CERTIFICATE_CODE.test(code) ? code : undefined;
}
