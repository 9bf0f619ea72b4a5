/**
 * Reading and checking a My Number card's 利用者証明用 certificate and the
 * signature the card made over the server's challenge. Pure functions over
 * node:crypto and our DER reader; the trust anchors and the CRL come from the
 * caller (the database in production).
 */
import { constants, createHash, type KeyObject, verify, X509Certificate } from 'node:crypto';
import { child, decode, findContext, readBitStringBytes, readOid, readTime, Tag } from '../../crypto/der.js';
import { OID } from '../../crypto/x509.js';
import { refusal } from './identity-errors.js';

export interface CardCertificate {
  der: Buffer;
  x509: X509Certificate;
  /** The certificate's key, made once (each read of `x509.publicKey` makes a new KeyObject). */
  publicKey: KeyObject;
  /** Upper-case hex, the form X509Certificate.serialNumber and mynumber_card use. */
  serial: string;
  /** SHA-256 of the DER, hex: names the card in logs and rate limits without personal data. */
  sha256: string;
  notBefore: Date;
  notAfter: Date;
}

const malformed = (cause?: unknown) =>
  refusal('card_auth.certificate_malformed', cause === undefined ? {} : { cause });

/** A certificate as DER bytes, a PEM string, or base64 of the DER (the JSON form kiosks send). */
export function certificateBytes(input: Uint8Array | string): Buffer {
  if (typeof input !== 'string') return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const text = input.trim();
  if (text.startsWith('-----BEGIN CERTIFICATE-----')) {
    const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    return Buffer.from(body, 'base64');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw malformed();
  return Buffer.from(text, 'base64');
}

/** Hex of a serial number as Node prints it: upper case, an even number of digits. */
export function serialHex(value: bigint): string {
  const hex = value.toString(16).toUpperCase();
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function tbsOf(der: Buffer) {
  const tbs = child(decode(der), 0, 'Certificate');
  const offset = findContext(tbs, 0) ? 1 : 0;
  return { tbs, offset };
}

/** notBefore / notAfter read from the DER (Node's validFrom strings lose nothing, but parse badly). */
export function readValidity(der: Buffer): { notBefore: Date; notAfter: Date } {
  const { tbs, offset } = tbsOf(der);
  const validity = child(tbs, 3 + offset, 'TBSCertificate.validity');
  return {
    notBefore: readTime(child(validity, 0, 'notBefore')),
    notAfter: readTime(child(validity, 1, 'notAfter')),
  };
}

/** The keyUsage bits (bit 0 = digitalSignature), or undefined when the extension is absent. */
export function readKeyUsageBits(der: Buffer): Set<number> | undefined {
  const { tbs } = tbsOf(der);
  const wrapper = findContext(tbs, 3);
  if (!wrapper) return undefined;
  for (const ext of child(wrapper, 0, 'extensions').children) {
    if (readOid(child(ext, 0, 'Extension')) !== OID.keyUsage) continue;
    const value = ext.children[ext.children.length - 1]!;
    const bits = readBitStringBytes(decode(value.content));
    const set = new Set<number>();
    bits.forEach((byte, i) => {
      for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) set.add(i * 8 + b);
    });
    return set;
  }
  return undefined;
}

export function parseCardCertificate(input: Uint8Array | string): CardCertificate {
  const der = certificateBytes(input);
  if (der.length === 0 || der.length > 16 * 1024) throw malformed();
  const sha256 = sha256Hex(der);
  const known = parsedCards.get(sha256);
  if (known?.der.equals(der)) return known;
  let parsed: CardCertificate;
  try {
    const x509 = new X509Certificate(der);
    const { notBefore, notAfter } = readValidity(der);
    parsed = {
      der,
      x509,
      publicKey: x509.publicKey,
      serial: serialHex(BigInt(`0x${x509.serialNumber}`)),
      sha256,
      notBefore,
      notAfter,
    };
  } catch (error) {
    throw malformed(error);
  }
  if (parsedCards.size >= MAX_PARSED_CARDS) parsedCards.clear();
  parsedCards.set(sha256, parsed);
  return parsed;
}

/**
 * Card certificates as parsed, by the SHA-256 of their DER: a kiosk session
 * presents the same certificate at its challenge and at its completion, and a
 * resident comes back. Parsing is a pure function of the bytes, so this only
 * saves work; what may change (trust, revocation, the card's status) is
 * checked on every use. Certificates hold a card serial and a key, no name.
 */
const parsedCards = new Map<string, CardCertificate>();
const MAX_PARSED_CARDS = 16_384;

/**
 * The trusted CA that issued `cert`, if any: names and key identifiers chain
 * (checkIssued) and the CA's key verifies the certificate's signature. JPKI
 * issues 利用者証明用 certificates directly under its CA, so one level is checked.
 */
export function findTrustedIssuer(
  cert: X509Certificate,
  anchors: readonly X509Certificate[],
): X509Certificate | undefined {
  return anchors.find((ca) => ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey));
}

/** Whether the key may sign at all: P-256 or RSA of at least 2048 bits. */
export function isAcceptedCardKey(key: KeyObject): boolean {
  if (key.asymmetricKeyType === 'ec') return key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  if (key.asymmetricKeyType === 'rsa') return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
  return false;
}

/**
 * Verifies the card's signature over `message` with SHA-256: ECDSA P-256 (DER,
 * or the raw r‖s 64 bytes some card readers return) or RSA PKCS#1 v1.5 (what
 * the real JPKI card computes). Malformed signatures are simply invalid.
 */
export function verifyCardSignature(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!isAcceptedCardKey(publicKey) || signature.length === 0) return false;
  try {
    if (publicKey.asymmetricKeyType === 'rsa') {
      return verify('sha256', message, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    // Try DER first; a raw r‖s that happens to start with 0x30 falls through to the second try.
    if (signature[0] === Tag.sequence && verifyEcdsa(publicKey, message, signature, 'der')) return true;
    return signature.length === 64 && verifyEcdsa(publicKey, message, signature, 'ieee-p1363');
  } catch {
    return false;
  }
}

function verifyEcdsa(
  key: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
  dsaEncoding: 'der' | 'ieee-p1363',
): boolean {
  try {
    return verify('sha256', message, { key, dsaEncoding }, signature);
  } catch {
    return false;
  }
}

/** SHA-256 of a key's SubjectPublicKeyInfo DER, hex: names a CA by its key. */
export function keySha256(key: KeyObject): string {
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}
