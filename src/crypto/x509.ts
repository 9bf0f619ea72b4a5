/**
 * X.509 v3 certificates built with our DER encoder and signed with node:crypto.
 * Used for the municipality's demo signing CA, document-signing certificates and
 * the demo My Number card certificates (JPKI model). RSA issuers sign with
 * sha256WithRSAEncryption (PKCS#1 v1.5), EC P-256 issuers with ecdsa-with-SHA256.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import {
  bitString,
  boolean,
  child,
  contextPrimitive,
  type DerNode,
  decode,
  explicit,
  findContext,
  integer,
  namedBitString,
  nul,
  octetString,
  oid,
  printableString,
  readOctetString,
  readOid,
  sequence,
  set,
  time,
  utf8String,
} from './der.js';

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;

/** Name attributes we write. C and serialNumber are PrintableString by RFC 5280; the rest UTF8String. */
const NAME_ATTRIBUTES = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
} as const;

export type NameAttribute = keyof typeof NAME_ATTRIBUTES;
/** A distinguished name as an ordered list, most significant first: [['C','JP'], ['O','…'], ['CN','…']]. */
export type DistinguishedName = ReadonlyArray<readonly [NameAttribute, string]>;

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const KEY_USAGE_BITS: Record<KeyUsage, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
  encipherOnly: 7,
  decipherOnly: 8,
};

const EXTENDED_KEY_USAGES = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** RFC 9336 id-kp-documentSigning. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

/** A named extended key usage or a dotted OID. */
export type ExtendedKeyUsage = keyof typeof EXTENDED_KEY_USAGES | `${number}.${number}.${string}`;

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Any extension not covered by the named options (e.g. subjectAltName), already DER-encoded. */
export interface RawExtension {
  oid: string;
  critical?: boolean;
  /** The DER of the extension value (it is wrapped in the OCTET STRING here). */
  value: Uint8Array;
}

export interface IssuedCertificate {
  pem: string;
  der: Buffer;
  x509: X509Certificate;
}

export type CertificateInput = X509Certificate | Uint8Array | string;

/** Serial numbers: positive, at most 20 octets (RFC 5280 §4.1.2.2). */
export type Serial = bigint | Uint8Array;

export interface SelfSignedCaOptions {
  subject: DistinguishedName;
  keyPair: KeyPair;
  notBefore: Date;
  notAfter: Date;
  /** Defaults to 16 random bytes. */
  serial?: Serial;
  /** basicConstraints pathLenConstraint; omitted means unlimited. */
  pathLength?: number;
  /** Defaults to keyCertSign + cRLSign. */
  keyUsage?: readonly KeyUsage[];
}

export interface IssueCertificateOptions {
  subject: DistinguishedName;
  subjectPublicKey: KeyObject;
  issuerCert: CertificateInput;
  issuerKey: KeyObject;
  serial?: Serial;
  notBefore: Date;
  notAfter: Date;
  keyUsage: readonly KeyUsage[];
  extendedKeyUsage?: readonly ExtendedKeyUsage[];
  isCa?: boolean;
  pathLength?: number;
  extraExtensions?: readonly RawExtension[];
}

// ---------------------------------------------------------------- building blocks

export function encodeName(name: DistinguishedName): Buffer {
  if (name.length === 0) throw new Error('a distinguished name needs at least one attribute');
  return sequence(
    ...name.map(([attr, value]) => {
      const type = NAME_ATTRIBUTES[attr];
      if (!type) throw new Error(`unsupported name attribute ${attr}`);
      if (value.length === 0) throw new Error(`empty ${attr} in distinguished name`);
      if (attr === 'C' && !/^[A-Z]{2}$/.test(value)) throw new Error('C must be a two-letter country code');
      const encoded = attr === 'C' || attr === 'serialNumber' ? printableString(value) : utf8String(value);
      return set(sequence(oid(type), encoded));
    }),
  );
}

export function toDer(cert: CertificateInput): Buffer {
  if (cert instanceof X509Certificate) return cert.raw;
  if (typeof cert === 'string') return new X509Certificate(cert).raw;
  return Buffer.from(cert.buffer, cert.byteOffset, cert.byteLength);
}

export function toX509(cert: CertificateInput): X509Certificate {
  return cert instanceof X509Certificate ? cert : new X509Certificate(toDer(cert));
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The signatureAlgorithm AlgorithmIdentifier for a signing key, and the digest to use. */
export function signatureAlgorithmFor(key: KeyObject): Buffer {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return sequence(oid(OID.sha256WithRSAEncryption), nul());
    case 'ec':
      if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
        throw new Error('only EC P-256 keys are supported');
      return sequence(oid(OID.ecdsaWithSHA256));
    default:
      throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
  }
}

function spkiOf(publicKey: KeyObject): Buffer {
  const pub = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  return pub.export({ type: 'spki', format: 'der' });
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = decode(spkiOf(publicKey));
  const bits = child(spki, 1, 'SubjectPublicKeyInfo');
  return createHash('sha1').update(bits.content.subarray(1)).digest();
}

function serialBytes(serial: Serial | undefined): Buffer {
  let value: bigint;
  if (serial === undefined) {
    const bytes = randomBytes(16);
    bytes[0]! &= 0x7f;
    bytes[0]! |= 0x01; // keep it positive and non-zero
    return integer(bytes);
  }
  if (typeof serial === 'bigint') value = serial;
  else value = serial.length === 0 ? 0n : BigInt(`0x${Buffer.from(serial).toString('hex')}`);
  if (value <= 0n) throw new Error('certificate serial numbers must be positive');
  const encoded = integer(value);
  if (encoded.length - 2 > 20) throw new Error('certificate serial numbers are at most 20 octets');
  return encoded;
}

function extension(extnId: string, critical: boolean, value: Uint8Array): Buffer {
  return critical
    ? sequence(oid(extnId), boolean(true), octetString(value))
    : sequence(oid(extnId), octetString(value));
}

function basicConstraints(isCa: boolean, pathLength: number | undefined): Buffer {
  if (!isCa) return sequence(); // cA DEFAULT FALSE is omitted in DER
  return pathLength === undefined ? sequence(boolean(true)) : sequence(boolean(true), integer(pathLength));
}

function ekuOid(usage: ExtendedKeyUsage): string {
  return (EXTENDED_KEY_USAGES as Record<string, string>)[usage] ?? usage;
}

interface TbsOptions {
  serial: Buffer;
  signatureAlgorithm: Buffer;
  issuerName: Buffer;
  subjectName: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectPublicKey: KeyObject;
  extensions: Buffer[];
}

function tbsCertificate(o: TbsOptions): Buffer {
  if (!(o.notBefore < o.notAfter)) throw new Error('notBefore must be before notAfter');
  return sequence(
    explicit(0, integer(2)), // v3
    o.serial,
    o.signatureAlgorithm,
    o.issuerName,
    sequence(time(o.notBefore), time(o.notAfter)),
    o.subjectName,
    spkiOf(o.subjectPublicKey),
    explicit(3, sequence(...o.extensions)),
  );
}

function signTbs(tbs: Buffer, signatureAlgorithm: Buffer, issuerKey: KeyObject): IssuedCertificate {
  // For EC keys node emits the DER ECDSA-Sig-Value X.509 expects.
  const signature = sign('sha256', tbs, issuerKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));
  return { der, pem: derToPem(der), x509: new X509Certificate(der) };
}

// ---------------------------------------------------------------- reading issuer certificates

/** The parts of a certificate that CMS and chaining refer to, as raw DER. */
export interface CertificateIds {
  /** The issuer Name TLV exactly as encoded in the certificate. */
  issuerName: Buffer;
  /** The serialNumber INTEGER TLV exactly as encoded. */
  serialNumber: Buffer;
  subjectName: Buffer;
  subjectKeyIdentifier?: Buffer;
}

export function readCertificateIds(der: Uint8Array): CertificateIds {
  const cert = decode(der);
  const tbs = child(cert, 0, 'Certificate');
  // version [0] is present in every v3 certificate; fields shift by one if absent (v1).
  const offset = findContext(tbs, 0) ? 1 : 0;
  const serial = child(tbs, offset, 'TBSCertificate.serialNumber');
  const issuer = child(tbs, 2 + offset, 'TBSCertificate.issuer');
  const subject = child(tbs, 4 + offset, 'TBSCertificate.subject');
  const extensionsWrapper = findContext(tbs, 3);
  let ski: Buffer | undefined;
  if (extensionsWrapper) {
    const list: DerNode = child(extensionsWrapper, 0, 'extensions');
    for (const ext of list.children) {
      if (readOid(child(ext, 0, 'Extension')) === OID.subjectKeyIdentifier) {
        const value = ext.children[ext.children.length - 1]!;
        ski = readOctetString(decode(readOctetString(value)));
      }
    }
  }
  return {
    issuerName: Buffer.from(issuer.raw),
    serialNumber: Buffer.from(serial.raw),
    subjectName: Buffer.from(subject.raw),
    subjectKeyIdentifier: ski ? Buffer.from(ski) : undefined,
  };
}

// ---------------------------------------------------------------- public API

export function createSelfSignedCa(options: SelfSignedCaOptions): IssuedCertificate {
  const { keyPair } = options;
  const signatureAlgorithm = signatureAlgorithmFor(keyPair.privateKey);
  const name = encodeName(options.subject);
  const ski = keyIdentifier(keyPair.publicKey);
  const usages = options.keyUsage ?? ['keyCertSign', 'cRLSign'];
  const tbs = tbsCertificate({
    serial: serialBytes(options.serial),
    signatureAlgorithm,
    issuerName: name,
    subjectName: name,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    subjectPublicKey: keyPair.publicKey,
    extensions: [
      extension(OID.basicConstraints, true, basicConstraints(true, options.pathLength)),
      extension(OID.keyUsage, true, namedBitString(usages.map((u) => KEY_USAGE_BITS[u]))),
      extension(OID.subjectKeyIdentifier, false, octetString(ski)),
      extension(OID.authorityKeyIdentifier, false, sequence(contextPrimitive(0, ski))),
    ],
  });
  return signTbs(tbs, signatureAlgorithm, keyPair.privateKey);
}

export function issueCertificate(options: IssueCertificateOptions): IssuedCertificate {
  const issuerDer = toDer(options.issuerCert);
  const issuerX509 = toX509(options.issuerCert);
  if (!issuerX509.checkPrivateKey(options.issuerKey)) {
    throw new Error('the issuer key does not belong to the issuer certificate');
  }
  const issuer = readCertificateIds(issuerDer);
  const signatureAlgorithm = signatureAlgorithmFor(options.issuerKey);
  const authorityKeyId = issuer.subjectKeyIdentifier ?? keyIdentifier(issuerX509.publicKey);
  const extensions = [
    extension(OID.basicConstraints, true, basicConstraints(options.isCa ?? false, options.pathLength)),
    extension(OID.keyUsage, true, namedBitString(options.keyUsage.map((u) => KEY_USAGE_BITS[u]))),
  ];
  if (options.extendedKeyUsage && options.extendedKeyUsage.length > 0) {
    extensions.push(
      extension(OID.extKeyUsage, false, sequence(...options.extendedKeyUsage.map((u) => oid(ekuOid(u))))),
    );
  }
  extensions.push(
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(options.subjectPublicKey))),
    extension(OID.authorityKeyIdentifier, false, sequence(contextPrimitive(0, authorityKeyId))),
  );
  for (const raw of options.extraExtensions ?? [])
    extensions.push(extension(raw.oid, raw.critical ?? false, raw.value));
  const tbs = tbsCertificate({
    serial: serialBytes(options.serial),
    signatureAlgorithm,
    // Byte-for-byte the issuer's subject, so name chaining never depends on re-encoding.
    issuerName: issuer.subjectName,
    subjectName: encodeName(options.subject),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    subjectPublicKey: options.subjectPublicKey,
    extensions,
  });
  return signTbs(tbs, signatureAlgorithm, options.issuerKey);
}

// ---------------------------------------------------------------- deterministic P-256 keys

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * A P-256 key pair derived from a 32-byte seed: d = seed mod n. The seeder uses it
 * so demo My Number cards come out identical on every run. Demo use only: a real
 * card's key never leaves the card.
 */
export function p256KeyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new Error('the seed must be 32 bytes');
  const d = BigInt(`0x${Buffer.from(seed).toString('hex')}`) % P256_ORDER;
  if (d === 0n) throw new Error('the seed reduces to zero modulo the curve order');
  const scalar = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
  // SEC1 ECPrivateKey without the optional public key: OpenSSL derives it on import.
  const sec1 = sequence(integer(1), octetString(scalar), explicit(0, oid(OID.prime256v1)));
  const privateKey = createPrivateKey({ key: sec1, format: 'der', type: 'sec1' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
