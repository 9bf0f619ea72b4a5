import { createECDH, createHash, createHmac, hkdfSync, sign } from 'node:crypto';
import {
  bitString,
  boolean,
  contextPrimitive,
  explicit,
  integer,
  namedBitString,
  octetString,
  oid,
  sequence,
  time,
} from '../crypto/der.js';
import {
  createSelfSignedCa,
  type DistinguishedName,
  derToPem,
  encodeName,
  type IssuedCertificate,
  issueCertificate,
  type KeyPair,
  keyIdentifier,
  p256KeyPairFromSeed,
  readCertificateIds,
  signatureAlgorithmFor,
} from '../crypto/x509.js';

/**
 * The demo My Number cards' keys and the demo JPKI certification authority.
 *
 * Nothing here is secret: every key is derived from the public seed, so that a
 * virtual card file can be re-created for any seeded card later (the card's key
 * from seed, municipality and card serial) and the CA that issued the cards can
 * be rebuilt after a restart. Real JPKI keys are generated inside the card and
 * never leave it; this derivation exists only because the demo has no chips.
 *
 * ECDSA signatures from node:crypto are randomised, so a re-created CA
 * certificate or card certificate has the same contents and key but different
 * signature bytes; chains verify either way because only the CA's name and key
 * matter for verification.
 */

const HKDF_SALT = 'madoguchi demo JPKI v1';

/** The seed as input keying material: 8 bytes, big-endian, for any safe integer. */
function seedBytes(seed: number): Buffer {
  if (!Number.isSafeInteger(seed)) throw new RangeError('the seed must be a safe integer');
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(seed));
  return bytes;
}

function derive(seed: number, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', seedBytes(seed), HKDF_SALT, info, length));
}

/**
 * The 32-byte seed of a card's P-256 key (HKDF-SHA256 over the seed, with the
 * municipality and card serial as context). Feed it to p256KeyPairFromSeed.
 */
export function deriveCardKeySeed(seed: number, municipalityCode: string, cardSerial: string): Buffer {
  return derive(seed, `card-key:${municipalityCode}:${cardSerial}`);
}

export function cardKeyPair(seed: number, municipalityCode: string, cardSerial: string): KeyPair {
  return p256KeyPairFromSeed(deriveCardKeySeed(seed, municipalityCode, cardSerial));
}

/** The demo CA's key seed: one CA per seed, for every municipality (JPKI is national). */
export function deriveDemoJpkiCaKeySeed(seed: number): Buffer {
  return derive(seed, 'jpki-ca-key');
}

export const DEMO_JPKI_CA_SUBJECT: DistinguishedName = [
  ['C', 'JP'],
  ['O', 'JPKI'],
  ['OU', 'JPKI for user authentication'],
  ['CN', 'madoguchi demo JPKI user authentication CA (not for real use)'],
];

// Fixed, so that the CA certificate's contents do not depend on the day it is made.
const CA_NOT_BEFORE = new Date('2015-10-05T00:00:00+09:00');
const CA_NOT_AFTER = new Date('2045-10-04T23:59:59+09:00');

export interface DemoJpkiCa {
  certificate: IssuedCertificate;
  keyPair: KeyPair;
}

export function demoJpkiCaKeyPair(seed: number): KeyPair {
  return p256KeyPairFromSeed(deriveDemoJpkiCaKeySeed(seed));
}

/** A new certificate for the demo CA of `seed` (same name, key, serial and validity every time). */
export function createDemoJpkiCa(seed: number): DemoJpkiCa {
  const keyPair = demoJpkiCaKeyPair(seed);
  const serial = BigInt(`0x${derive(seed, 'jpki-ca-serial', 16).toString('hex')}`) | (1n << 120n);
  const certificate = createSelfSignedCa({
    subject: DEMO_JPKI_CA_SUBJECT,
    keyPair,
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    serial: serial & ((1n << 127n) - 1n),
    pathLength: 0,
  });
  return { certificate, keyPair };
}

let serialKey: { seed: number; key: Buffer } | undefined;

/**
 * The serial number of a card's certificate: 16 bytes from an HMAC of the
 * municipality, card serial and issue count (a renewed certificate gets a new
 * one), positive and non-zero. Unique across municipalities, as the index on
 * mynumber_card requires.
 */
export function cardCertificateSerial(
  seed: number,
  municipalityCode: string,
  cardSerial: string,
  issue: number,
): bigint {
  if (serialKey?.seed !== seed) serialKey = { seed, key: derive(seed, 'certificate-serial') };
  const mac = createHmac('sha256', serialKey.key)
    .update(`${municipalityCode}:${cardSerial}:${issue}`)
    .digest()
    .subarray(0, 16);
  mac[0] = (mac[0]! & 0x7f) | 0x10;
  return BigInt(`0x${mac.toString('hex')}`);
}

/** Upper-case hex with an even number of digits, as X509Certificate.serialNumber prints it. */
export function serialHex(serial: bigint): string {
  const hex = serial.toString(16).toUpperCase();
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

export interface CardCertificateRequest {
  seed: number;
  municipalityCode: string;
  cardSerial: string;
  serial: bigint;
  notBefore: Date;
  notAfter: Date;
}

/**
 * The 利用者証明用電子証明書 of a card. Like the real one it carries no name,
 * address or birth date: the subject only identifies the certificate.
 */
export function issueCardCertificate(ca: DemoJpkiCa, request: CardCertificateRequest): IssuedCertificate {
  const keyPair = cardKeyPair(request.seed, request.municipalityCode, request.cardSerial);
  return issueCertificate({
    subject: [
      ['C', 'JP'],
      ['O', 'JPKI'],
      ['OU', 'JPKI for user authentication'],
      ['CN', serialHex(request.serial)],
    ],
    subjectPublicKey: keyPair.publicKey,
    issuerCert: ca.certificate.x509,
    issuerKey: ca.keyPair.privateKey,
    serial: request.serial,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: ['clientAuth'],
  });
}

/** SHA-256 of a certificate's DER as hex: the id jpki_trusted_ca uses. */
export function certificateId(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_PRIME256V1 = '1.2.840.10045.3.1.7';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_KEY_USAGE = '2.5.29.15';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

/**
 * Issues card certificates in bulk. It writes exactly the certificate that
 * issueCertificate() in src/crypto/x509.ts writes for the same request (the
 * seed tests compare the to-be-signed bytes), but prepares everything that is
 * the same for every card once and derives the card's public key with ECDH
 * instead of importing and exporting key objects: about 0.12 ms a certificate
 * instead of 0.8 ms, which is the difference between one and ten minutes for a
 * city of a million.
 */
export class CardCertificateIssuer {
  private readonly issuerName: Buffer;
  private readonly signatureAlgorithm: Buffer;
  private readonly fixedExtensions: Buffer[];
  private readonly authorityKeyId: Buffer;
  private readonly subjectPrefix: DistinguishedName;

  constructor(
    private readonly ca: DemoJpkiCa,
    private readonly seed: number,
    private readonly municipalityCode: string,
  ) {
    const ids = readCertificateIds(ca.certificate.der);
    this.issuerName = ids.subjectName;
    this.signatureAlgorithm = signatureAlgorithmFor(ca.keyPair.privateKey);
    const extension = (id: string, critical: boolean, value: Uint8Array) =>
      critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));
    this.fixedExtensions = [
      extension(OID_BASIC_CONSTRAINTS, true, sequence()),
      extension(OID_KEY_USAGE, true, namedBitString([0])),
      extension(OID_EXT_KEY_USAGE, false, sequence(oid(OID_CLIENT_AUTH))),
    ];
    const aki = ids.subjectKeyIdentifier ?? keyIdentifier(ca.keyPair.publicKey);
    this.authorityKeyId = extension(OID_AUTHORITY_KEY_ID, false, sequence(contextPrimitive(0, aki)));
    this.subjectPrefix = [
      ['C', 'JP'],
      ['O', 'JPKI'],
      ['OU', 'JPKI for user authentication'],
    ];
  }

  /** The card's public key as an uncompressed point, from the same derivation as cardKeyPair(). */
  publicPoint(cardSerial: string): Buffer {
    const seed = deriveCardKeySeed(this.seed, this.municipalityCode, cardSerial);
    const d = BigInt(`0x${seed.toString('hex')}`) % P256_ORDER;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
    return ecdh.getPublicKey();
  }

  /** The DER of the to-be-signed certificate. */
  tbs(cardSerial: string, serial: bigint, notBefore: Date, notAfter: Date): Buffer {
    const point = this.publicPoint(cardSerial);
    const spki = sequence(sequence(oid(OID_EC_PUBLIC_KEY), oid(OID_PRIME256V1)), bitString(point));
    // RFC 5280 method 1, as keyIdentifier() computes it: SHA-1 of the public key bits.
    const ski = createHash('sha1').update(point).digest();
    const extensions = [
      ...this.fixedExtensions,
      sequence(oid(OID_SUBJECT_KEY_ID), octetString(octetString(ski))),
      this.authorityKeyId,
    ];
    return sequence(
      explicit(0, integer(2)),
      integer(serial),
      this.signatureAlgorithm,
      this.issuerName,
      sequence(time(notBefore), time(notAfter)),
      encodeName([...this.subjectPrefix, ['CN', serialHex(serial)]]),
      spki,
      explicit(3, sequence(...extensions)),
    );
  }

  issue(cardSerial: string, serial: bigint, notBefore: Date, notAfter: Date): { der: Buffer; pem: string } {
    const tbs = this.tbs(cardSerial, serial, notBefore, notAfter);
    const signature = sign('sha256', tbs, this.ca.keyPair.privateKey);
    const der = sequence(tbs, this.signatureAlgorithm, bitString(signature));
    return { der, pem: derToPem(der) };
  }
}
