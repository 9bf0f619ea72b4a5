/**
 * X.509 v2 certificate revocation lists (RFC 5280 §5): reading and verifying the
 * CRLs a CA publishes (J-LIS for real cards), and issuing them for the demo JPKI
 * CA so the demo and tests revoke certificates the same way production does.
 */
import { type KeyObject, sign, verify, type X509Certificate } from 'node:crypto';
import {
  bitString,
  child,
  contextPrimitive,
  type DerNode,
  decode,
  explicit,
  integer,
  octetString,
  oid,
  readBitStringBytes,
  readInteger,
  readOid,
  readTime,
  sequence,
  Tag,
  time,
  tlv,
} from '../../crypto/der.js';
import {
  type CertificateInput,
  keyIdentifier,
  readCertificateIds,
  signatureAlgorithmFor,
  toDer,
  toX509,
} from '../../crypto/x509.js';
import { serialHex } from './card-certificate.js';

const OID_CRL_NUMBER = '2.5.29.20';
const OID_REASON_CODE = '2.5.29.21';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';

/** RFC 5280 CRLReason values we name. */
export const CRL_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
} as const;
export type CrlReason = keyof typeof CRL_REASONS;

export interface RevokedEntry {
  /** Upper-case hex, as X509Certificate.serialNumber. */
  serial: string;
  revokedAt: Date;
  reason: CrlReason | null;
}

export interface RevocationList {
  thisUpdate: Date;
  nextUpdate: Date | null;
  entries: RevokedEntry[];
}

/** Digest per signature algorithm OID: what real CAs use for CRLs. */
const SIGNATURE_DIGESTS: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384',
};

const ENUMERATED = 0x0a;

export class CrlError extends Error {
  override name = 'CrlError';
}

function isTime(node: DerNode | undefined): node is DerNode {
  return node !== undefined && (node.tag === Tag.utcTime || node.tag === Tag.generalizedTime);
}

function readReason(extensions: DerNode | undefined): CrlReason | null {
  if (!extensions) return null;
  for (const ext of extensions.children) {
    if (readOid(child(ext, 0, 'crlEntryExtension')) !== OID_REASON_CODE) continue;
    const value = decode(ext.children[ext.children.length - 1]!.content);
    if (value.tag !== ENUMERATED || value.content.length !== 1) throw new CrlError('malformed reasonCode');
    const code = value.content[0]!;
    const name = (Object.keys(CRL_REASONS) as CrlReason[]).find((k) => CRL_REASONS[k] === code);
    return name ?? 'unspecified';
  }
  return null;
}

/**
 * Parses a DER CRL and verifies it was signed by `issuer` (names match byte for
 * byte and the issuer's key verifies the signature). Throws CrlError otherwise:
 * an unsigned list of serials is never imported.
 */
export function readSignedCrl(crlDer: Uint8Array, issuer: X509Certificate): RevocationList {
  let list: DerNode;
  try {
    list = decode(crlDer);
  } catch (error) {
    throw new CrlError(`not a DER CRL: ${(error as Error).message}`);
  }
  const tbs = child(list, 0, 'CertificateList.tbsCertList');
  const algorithm = readOid(child(child(list, 1, 'CertificateList.signatureAlgorithm'), 0, 'algorithm'));
  const signature = readBitStringBytes(child(list, 2, 'CertificateList.signatureValue'));
  const digest = SIGNATURE_DIGESTS[algorithm];
  if (!digest) throw new CrlError(`unsupported CRL signature algorithm ${algorithm}`);

  let i = 0;
  if (tbs.children[0]?.tag === Tag.integer) {
    if (readInteger(tbs.children[0]) !== 1n) throw new CrlError('only v2 CRLs are read');
    i++;
  }
  const innerAlgorithm = readOid(child(child(tbs, i++, 'TBSCertList.signature'), 0, 'algorithm'));
  if (innerAlgorithm !== algorithm) throw new CrlError('the two signature algorithms differ');
  const issuerName = child(tbs, i++, 'TBSCertList.issuer');
  if (!issuerName.raw.equals(readCertificateIds(issuer.raw).subjectName))
    throw new CrlError('the CRL was issued by another CA');
  if (!verify(digest, tbs.raw, { key: issuer.publicKey, dsaEncoding: 'der' }, signature))
    throw new CrlError('the CRL signature does not verify with the CA key');

  const thisUpdate = readTime(child(tbs, i++, 'TBSCertList.thisUpdate'));
  let nextUpdate: Date | null = null;
  if (isTime(tbs.children[i])) nextUpdate = readTime(tbs.children[i++]!);
  const entries: RevokedEntry[] = [];
  const revoked = tbs.children[i];
  if (revoked && revoked.tag === Tag.sequence) {
    for (const entry of revoked.children) {
      const serial = readInteger(child(entry, 0, 'revokedCertificate.userCertificate'));
      if (serial <= 0n) throw new CrlError('a revoked serial is not positive');
      entries.push({
        serial: serialHex(serial),
        revokedAt: readTime(child(entry, 1, 'revokedCertificate.revocationDate')),
        reason: readReason(entry.children[2]),
      });
    }
  }
  return { thisUpdate, nextUpdate, entries };
}

export interface CreateCrlOptions {
  issuerCert: CertificateInput;
  issuerKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint | number;
  revoked: ReadonlyArray<{ serial: string; revokedAt: Date; reason?: CrlReason }>;
}

/** Issues a signed v2 CRL (DER) for the demo JPKI CA. */
export function createCrl(options: CreateCrlOptions): Buffer {
  const issuerX509 = toX509(options.issuerCert);
  if (!issuerX509.checkPrivateKey(options.issuerKey))
    throw new CrlError('the key does not belong to the CA certificate');
  const ids = readCertificateIds(toDer(options.issuerCert));
  const algorithm = signatureAlgorithmFor(options.issuerKey);
  const entries = options.revoked.map((r) => {
    if (!/^[0-9A-Fa-f]+$/.test(r.serial)) throw new CrlError(`not a hex serial: ${r.serial}`);
    const fields = [integer(BigInt(`0x${r.serial}`)), time(r.revokedAt)];
    if (r.reason && r.reason !== 'unspecified') {
      const reason = tlv(ENUMERATED, Buffer.from([CRL_REASONS[r.reason]]));
      fields.push(sequence(sequence(oid(OID_REASON_CODE), octetString(reason))));
    }
    return sequence(...fields);
  });
  const akid = ids.subjectKeyIdentifier ?? keyIdentifier(issuerX509.publicKey);
  const tbs = sequence(
    integer(1), // v2
    algorithm,
    ids.subjectName,
    time(options.thisUpdate),
    time(options.nextUpdate),
    ...(entries.length > 0 ? [sequence(...entries)] : []),
    explicit(
      0,
      sequence(
        sequence(oid(OID_AUTHORITY_KEY_ID), octetString(sequence(contextPrimitive(0, akid)))),
        sequence(oid(OID_CRL_NUMBER), octetString(integer(BigInt(options.crlNumber)))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, { key: options.issuerKey, dsaEncoding: 'der' });
  return sequence(tbs, algorithm, bitString(signature));
}
