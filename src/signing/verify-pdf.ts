/**
 * Verify the last signature of a PDF: the byte range, the CMS SignedData, the
 * signature over the signed attributes, and the chain to a trusted root. Any change
 * to the file — inside the signed ranges, inside the /Contents gap, or bytes
 * appended after the signature — makes it fail with a reason.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { DerError, decode, decodePrefix, readInteger, readOctetString, readOid } from '../crypto/der.js';
import { readCertificateIds } from '../crypto/x509.js';
import { CMS_OID, DIGEST_NAMES, encodeSignedData, type ParsedSignerInfo, parseSignedData } from './cms.js';

export type VerifyFailure =
  | 'no_signature'
  | 'malformed_byte_range'
  | 'not_whole_file'
  | 'malformed_contents'
  | 'malformed_cms'
  | 'unsupported_algorithm'
  | 'digest_mismatch'
  | 'signer_certificate_missing'
  | 'signing_certificate_mismatch'
  | 'bad_signature'
  | 'certificate_expired'
  | 'untrusted_chain'
  | 'altered_container';

export interface VerifyOptions {
  /**
   * Strict (default): the signature container must be exactly what madoguchi writes
   * (RSA, SHA-256, issuer-and-serial signer, every embedded certificate on the
   * verified chain), so even unsigned bytes of the CMS cannot change. Turn off to
   * check signatures made by other software (ECDSA, other digests).
   */
  strict?: boolean;
}

export interface PdfSignatureVerification {
  valid: boolean;
  /** Stable code of the first failed check. */
  failure?: VerifyFailure;
  /** Human-readable explanation of the failure (English, no personal data beyond the certificate). */
  reason?: string;
  /** The signer certificate's subject (node's "C=JP\nO=…\nCN=…" form), once found. */
  signerSubject?: string;
  signerCertificate?: X509Certificate;
  /** /M of the signature dictionary. */
  signingTime?: Date;
  subFilter?: string;
  byteRange?: [number, number, number, number];
  byteRangeCoversWholeFile: boolean;
  /** Hex digest of the signed byte ranges, with the algorithm the signer chose. */
  digest?: string;
}

class Failure extends Error {
  constructor(
    readonly failure: VerifyFailure,
    message: string,
  ) {
    super(message);
  }
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Parse a PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (all parts after the year optional). */
export function parsePdfDate(text: string): Date | undefined {
  const m = text.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?$/);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  if (sign === '+') return new Date(utc - offset);
  if (sign === '-') return new Date(utc + offset);
  return new Date(utc);
}

function readPdfString(dict: string, key: string): string | undefined {
  const literal = dict.match(new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`));
  if (literal) return literal[1]!.replace(/\\(.)/g, '$1');
  const hex = dict.match(new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`));
  if (!hex) return undefined;
  const bytes = Buffer.from(hex[1]!.replace(/\s/g, ''), 'hex');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

interface LocatedSignature {
  byteRange: [number, number, number, number];
  /** The signature dictionary text with the /Contents gap cut out. */
  dictionary: string;
}

/** The last /ByteRange in the file and the dictionary around it. */
function locateSignature(pdf: Buffer, text: string): LocatedSignature {
  let last: RegExpExecArray | undefined;
  for (const m of text.matchAll(BYTE_RANGE)) last = m;
  if (!last) throw new Failure('no_signature', 'the document has no signature byte range');
  const byteRange = last.slice(1, 5).map(Number) as [number, number, number, number];
  const [a, b, c, d] = byteRange;
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length || d < 0) {
    throw new Failure('malformed_byte_range', `byte range [${byteRange.join(' ')}] does not fit the file`);
  }
  // The /ByteRange itself must lie inside the signed bytes, or it could be rewritten freely.
  const at = last.index;
  const atEnd = at + last[0].length;
  if (!(atEnd <= b || (at >= c && atEnd <= c + d))) {
    throw new Failure('malformed_byte_range', 'the /ByteRange entry is not covered by the signature');
  }
  const objStart = text.lastIndexOf(' obj', Math.min(at, b));
  const objEnd = text.indexOf('endobj', Math.max(atEnd, c));
  const dictionary =
    objStart >= 0 && objEnd >= 0 ? text.slice(objStart, b) + text.slice(c, objEnd) : text.slice(at, atEnd);
  return { byteRange, dictionary };
}

/** The CMS bytes from the /Contents gap; the padding after the DER must be zeros and the hex of one case. */
function readContents(pdf: Buffer, b: number, c: number): Buffer {
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    throw new Failure('malformed_contents', 'the unsigned gap is not exactly the /Contents hex string');
  }
  const hex = pdf.toString('latin1', b + 1, c - 1);
  if (hex.length % 2 !== 0 || !/^([0-9a-f]*|[0-9A-F]*)$/.test(hex)) {
    throw new Failure('malformed_contents', '/Contents is not a canonical hex string');
  }
  const bytes = Buffer.from(hex, 'hex');
  let cmsLength: number;
  try {
    cmsLength = decodePrefix(bytes).raw.length;
  } catch (error) {
    throw new Failure('malformed_cms', `/Contents does not hold DER: ${(error as Error).message}`);
  }
  for (let i = cmsLength; i < bytes.length; i++) {
    if (bytes[i] !== 0)
      throw new Failure('malformed_contents', 'non-zero bytes after the signature in /Contents');
  }
  return bytes.subarray(0, cmsLength);
}

function singleAttribute(signer: ParsedSignerInfo, type: string, what: string) {
  const values = signer.attributes.get(type);
  if (values?.length !== 1) throw new Failure('malformed_cms', `signed attribute ${what} missing`);
  return values[0]!;
}

function findSignerCertificate(signer: ParsedSignerInfo, certificates: Buffer[]): Buffer {
  for (const der of certificates) {
    const ids = readCertificateIds(der);
    if (signer.issuerName && signer.serialNumber !== undefined) {
      const serial = readInteger(decode(ids.serialNumber));
      if (Buffer.compare(ids.issuerName, signer.issuerName) === 0 && serial === signer.serialNumber)
        return der;
    } else if (signer.subjectKeyIdentifier && ids.subjectKeyIdentifier?.equals(signer.subjectKeyIdentifier)) {
      return der;
    }
  }
  throw new Failure('signer_certificate_missing', 'the signer certificate is not in the signature');
}

function checkSigningCertificateV2(signer: ParsedSignerInfo, signerDer: Buffer, required: boolean): void {
  const values = signer.attributes.get(CMS_OID.signingCertificateV2);
  if (!values) {
    if (required) throw new Failure('malformed_cms', 'PAdES signature without signingCertificateV2');
    return;
  }
  const essCertId = values[0]?.children[0]?.children[0];
  if (!essCertId) throw new Failure('malformed_cms', 'empty signingCertificateV2');
  let hashName = 'sha256';
  let index = 0;
  if (essCertId.children[0]?.tag === 0x30) {
    const name = DIGEST_NAMES[readOid(essCertId.children[0].children[0]!)];
    if (!name) throw new Failure('unsupported_algorithm', 'unsupported hash in signingCertificateV2');
    hashName = name;
    index = 1;
  }
  const certHash = readOctetString(essCertId.children[index]!);
  if (!createHash(hashName).update(signerDer).digest().equals(certHash)) {
    throw new Failure('signing_certificate_mismatch', 'signingCertificateV2 names another certificate');
  }
}

function verifySignatureValue(signer: ParsedSignerInfo, cert: X509Certificate): boolean {
  const digestName = DIGEST_NAMES[signer.digestAlgorithm]!;
  switch (signer.signatureAlgorithm) {
    case CMS_OID.rsaEncryption:
    case CMS_OID.sha256WithRSAEncryption:
    case CMS_OID.sha384WithRSAEncryption:
    case CMS_OID.sha512WithRSAEncryption:
      if (cert.publicKey.asymmetricKeyType !== 'rsa') return false;
      return cryptoVerify(digestName, signer.signedAttributesDer, cert.publicKey, signer.signature);
    case CMS_OID.ecdsaWithSHA256:
    case CMS_OID.ecdsaWithSHA384:
    case CMS_OID.ecdsaWithSHA512:
      if (cert.publicKey.asymmetricKeyType !== 'ec') return false;
      return cryptoVerify(digestName, signer.signedAttributesDer, cert.publicKey, signer.signature);
    default:
      throw new Failure(
        'unsupported_algorithm',
        `unsupported signature algorithm ${signer.signatureAlgorithm}`,
      );
  }
}

function validAt(cert: X509Certificate, when: Date): boolean {
  return new Date(cert.validFrom) <= when && when <= new Date(cert.validTo);
}

/**
 * Walk from the signer to a trusted certificate, preferring the embedded
 * certificates so that each of them gets checked; returns the path.
 */
function checkChain(
  leaf: X509Certificate,
  embedded: X509Certificate[],
  trusted: readonly X509Certificate[],
  when: Date,
): X509Certificate[] {
  const isTrusted = (c: X509Certificate) => trusted.some((t) => t.raw.equals(c.raw));
  const path = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 10; depth++) {
    if (!validAt(current, when)) {
      throw new Failure(
        'certificate_expired',
        `certificate "${current.subject}" is not valid at the signing time`,
      );
    }
    if (isTrusted(current)) return path;
    const issuer = [...embedded, ...trusted].find(
      (candidate) =>
        !candidate.raw.equals(current.raw) &&
        candidate.ca &&
        current.checkIssued(candidate) &&
        current.verify(candidate.publicKey),
    );
    if (!issuer) throw new Failure('untrusted_chain', `no trusted issuer for "${current.subject}"`);
    current = issuer;
    path.push(issuer);
  }
  throw new Failure('untrusted_chain', 'certificate chain too long');
}

function parseCertificate(der: Buffer): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new Failure('malformed_cms', 'a certificate in the signature cannot be parsed');
  }
}

export function verifyPdfSignature(
  pdfBytes: Uint8Array,
  trusted: readonly X509Certificate[],
  options: VerifyOptions = {},
): PdfSignatureVerification {
  const strict = options.strict ?? true;
  const pdf = Buffer.from(pdfBytes.buffer, pdfBytes.byteOffset, pdfBytes.byteLength);
  const result: PdfSignatureVerification = { valid: false, byteRangeCoversWholeFile: false };
  try {
    const text = pdf.toString('latin1');
    const { byteRange, dictionary } = locateSignature(pdf, text);
    const [, b, c, d] = byteRange;
    result.byteRange = byteRange;
    result.byteRangeCoversWholeFile = c + d === pdf.length;
    result.subFilter = dictionary.match(/\/SubFilter\s*\/([^\s/<>[\]()]+)/)?.[1];
    const m = readPdfString(dictionary, 'M');
    result.signingTime = m ? parsePdfDate(m) : undefined;

    const cmsDer = readContents(pdf, b, c);
    let cms: ReturnType<typeof parseSignedData>;
    try {
      cms = parseSignedData(cmsDer);
    } catch (error) {
      if (error instanceof DerError) throw new Failure('malformed_cms', error.message);
      throw error;
    }
    if (cms.signerInfos.length !== 1) throw new Failure('malformed_cms', 'expected exactly one signer');
    if (cms.encapsulatedContentType !== CMS_OID.data || cms.hasEncapsulatedContent) {
      throw new Failure('malformed_cms', 'not a detached signature over data');
    }
    const signer = cms.signerInfos[0]!;
    const digestName = DIGEST_NAMES[signer.digestAlgorithm];
    if (!digestName)
      throw new Failure('unsupported_algorithm', `unsupported digest ${signer.digestAlgorithm}`);

    const digest = createHash(digestName)
      .update(pdf.subarray(0, b))
      .update(pdf.subarray(c, c + d))
      .digest();
    result.digest = digest.toString('hex');

    const contentType = singleAttribute(signer, CMS_OID.contentType, 'contentType');
    if (readOid(contentType) !== CMS_OID.data)
      throw new Failure('malformed_cms', 'contentType is not id-data');
    const messageDigest = readOctetString(singleAttribute(signer, CMS_OID.messageDigest, 'messageDigest'));

    const signerDer = findSignerCertificate(signer, cms.certificates);
    const signerCert = parseCertificate(signerDer);
    result.signerCertificate = signerCert;
    result.signerSubject = signerCert.subject;
    checkSigningCertificateV2(signer, signerDer, result.subFilter === 'ETSI.CAdES.detached');

    if (!verifySignatureValue(signer, signerCert)) {
      throw new Failure('bad_signature', 'the signature over the signed attributes does not verify');
    }
    if (!messageDigest.equals(digest)) {
      throw new Failure('digest_mismatch', 'the signed bytes were changed after signing');
    }
    if (!result.byteRangeCoversWholeFile) {
      throw new Failure('not_whole_file', `${pdf.length - (c + d)} bytes were added after the signed range`);
    }
    if (strict) {
      const canonical = encodeSignedData({
        signerIds: readCertificateIds(signerDer),
        signedAttributes: signer.signedAttributesDer,
        signature: signer.signature,
        certificates: cms.certificates,
      });
      if (!canonical.equals(cmsDer)) {
        throw new Failure('altered_container', 'the signature container differs from what was signed');
      }
    }
    const embedded = cms.certificates.map(parseCertificate);
    const path = checkChain(signerCert, embedded, trusted, result.signingTime ?? new Date());
    if (strict) {
      const stray = embedded.find((c) => !path.some((p) => p.raw.equals(c.raw)));
      if (stray)
        throw new Failure('altered_container', `certificate "${stray.subject}" is not on the signer's chain`);
    }
    result.valid = true;
    return result;
  } catch (error) {
    if (error instanceof Failure) {
      result.failure = error.failure;
      result.reason = error.message;
      return result;
    }
    if (error instanceof DerError) {
      result.failure = 'malformed_cms';
      result.reason = error.message;
      return result;
    }
    throw error;
  }
}
