/**
 * CMS SignedData (RFC 5652) for detached PAdES signatures: build with node:crypto,
 * and parse back for verification. Only what PAdES B-B needs: one signer,
 * identified by issuer and serial number, with signed attributes contentType,
 * messageDigest and signingCertificateV2 (RFC 5035).
 */
import { createHash, type KeyObject, sign } from 'node:crypto';
import {
  child,
  DerError,
  type DerNode,
  decode,
  expectTag,
  explicit,
  findContext,
  implicit,
  integer,
  nul,
  octetString,
  oid,
  readInteger,
  readOctetString,
  readOid,
  sequence,
  set,
  Tag,
  TagClass,
} from '../crypto/der.js';
import { readCertificateIds } from '../crypto/x509.js';

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
} as const;

export const DIGEST_NAMES: Record<string, 'sha256' | 'sha384' | 'sha512'> = {
  [CMS_OID.sha256]: 'sha256',
  [CMS_OID.sha384]: 'sha384',
  [CMS_OID.sha512]: 'sha512',
};

export interface SignedDataInput {
  /** SHA-256 of the signed bytes (the PDF byte ranges). */
  digest: Buffer;
  privateKey: KeyObject;
  /** The signer certificate first, then the rest of the chain, as DER. */
  certificates: readonly Buffer[];
}

/**
 * Encode the SignedData ContentInfo. With an RSA key (PKCS#1 v1.5) the output is a
 * pure function of the inputs, which is what makes signed PDFs reproducible.
 */
export function buildSignedData(input: SignedDataInput): Buffer {
  if (input.privateKey.asymmetricKeyType !== 'rsa') {
    // ECDSA signatures are randomised; documents must come out byte-identical.
    throw new Error('document signatures use RSA keys (PKCS#1 v1.5) so that output is deterministic');
  }
  if (input.digest.length !== 32) throw new Error('expected a SHA-256 digest');
  const signerCert = input.certificates[0];
  if (!signerCert) throw new Error('the certificate chain is empty');
  const ids = readCertificateIds(signerCert);

  const essCertIdV2 = sequence(
    // hashAlgorithm DEFAULT sha256: omitted in DER
    octetString(createHash('sha256').update(signerCert).digest()),
    sequence(sequence(explicit(4, ids.issuerName)), ids.serialNumber),
  );
  const signedAttributes = set(
    sequence(oid(CMS_OID.contentType), set(oid(CMS_OID.data))),
    sequence(oid(CMS_OID.messageDigest), set(octetString(input.digest))),
    sequence(oid(CMS_OID.signingCertificateV2), set(sequence(sequence(essCertIdV2)))),
  );
  // The signature covers the attributes encoded as a SET (tag 0x31), not as [0].
  const signature = sign('sha256', signedAttributes, input.privateKey);
  return encodeSignedData({ signerIds: ids, signedAttributes, signature, certificates: input.certificates });
}

export interface SignedDataParts {
  signerIds: { issuerName: Buffer; serialNumber: Buffer };
  /** The signed attributes as a DER SET (tag 0x31). */
  signedAttributes: Buffer;
  signature: Buffer;
  certificates: readonly Buffer[];
}

/**
 * The one encoding madoguchi writes. The verifier re-encodes what it parsed with
 * this and compares, so no unsigned byte of the container can change unnoticed.
 */
export function encodeSignedData(parts: SignedDataParts): Buffer {
  const sha256 = sequence(oid(CMS_OID.sha256));
  const signerInfo = sequence(
    integer(1),
    sequence(parts.signerIds.issuerName, parts.signerIds.serialNumber),
    sha256,
    implicit(0, parts.signedAttributes),
    sequence(oid(CMS_OID.rsaEncryption), nul()),
    octetString(parts.signature),
  );
  const signedData = sequence(
    integer(1),
    set(sha256),
    sequence(oid(CMS_OID.data)), // detached: no eContent
    implicit(0, set(...parts.certificates)),
    set(signerInfo),
  );
  return sequence(oid(CMS_OID.signedData), explicit(0, signedData));
}

// ---------------------------------------------------------------- parsing

export interface ParsedSignerInfo {
  /** issuerAndSerialNumber, when the signer is identified that way. */
  issuerName?: Buffer;
  serialNumber?: bigint;
  /** subjectKeyIdentifier, when the signer is identified that way (version 3). */
  subjectKeyIdentifier?: Buffer;
  digestAlgorithm: string;
  /** The signed attributes re-tagged as SET: the exact bytes the signature covers. */
  signedAttributesDer: Buffer;
  attributes: Map<string, DerNode[]>;
  signatureAlgorithm: string;
  signature: Buffer;
}

export interface ParsedSignedData {
  encapsulatedContentType: string;
  hasEncapsulatedContent: boolean;
  certificates: Buffer[];
  signerInfos: ParsedSignerInfo[];
}

function parseSignerInfo(node: DerNode): ParsedSignerInfo {
  expectTag(node, Tag.sequence, 'SignerInfo');
  const sid = child(node, 1, 'SignerInfo.sid');
  const result: Partial<ParsedSignerInfo> = {};
  if (sid.tag === Tag.sequence) {
    result.issuerName = Buffer.from(child(sid, 0, 'IssuerAndSerialNumber').raw);
    result.serialNumber = readInteger(child(sid, 1, 'IssuerAndSerialNumber'));
  } else if (sid.tag === (TagClass.context | 0)) {
    result.subjectKeyIdentifier = Buffer.from(sid.content);
  } else {
    throw new DerError('SignerInfo.sid: unknown choice');
  }
  const digestAlgorithm = readOid(
    child(child(node, 2, 'SignerInfo.digestAlgorithm'), 0, 'AlgorithmIdentifier'),
  );
  const signed = child(node, 3, 'SignerInfo.signedAttrs');
  if (signed.tag !== (TagClass.context | 0x20 | 0)) throw new DerError('SignerInfo has no signed attributes');
  const signedAttributesDer = Buffer.from(signed.raw);
  signedAttributesDer[0] = Tag.set;
  // The signature covers the DER of the set; a BER or unsorted set must not sneak past.
  const reencoded = set(...signed.children.map((c) => c.raw));
  if (Buffer.compare(reencoded, signedAttributesDer) !== 0) {
    throw new DerError('signed attributes are not DER-encoded');
  }
  const attributes = new Map<string, DerNode[]>();
  for (const attribute of signed.children) {
    const type = readOid(child(attribute, 0, 'Attribute'));
    if (attributes.has(type)) throw new DerError(`attribute ${type} appears twice`);
    attributes.set(
      type,
      expectTag(child(attribute, 1, 'Attribute.values'), Tag.set, 'Attribute.values').children,
    );
  }
  const signatureAlgorithm = readOid(
    child(child(node, 4, 'SignerInfo.signatureAlgorithm'), 0, 'AlgorithmIdentifier'),
  );
  const signature = Buffer.from(readOctetString(child(node, 5, 'SignerInfo.signature')));
  return {
    ...result,
    digestAlgorithm,
    signedAttributesDer,
    attributes,
    signatureAlgorithm,
    signature,
  };
}

export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = expectTag(decode(der), Tag.sequence, 'ContentInfo');
  if (contentInfo.children.length !== 2) throw new DerError('ContentInfo must have two elements');
  if (readOid(child(contentInfo, 0, 'ContentInfo')) !== CMS_OID.signedData) {
    throw new DerError('ContentInfo is not SignedData');
  }
  const wrapper = child(contentInfo, 1, 'ContentInfo.content');
  if (wrapper.tag !== (TagClass.context | 0x20 | 0) || wrapper.children.length !== 1) {
    throw new DerError('ContentInfo.content must be [0] holding one element');
  }
  const signedData = expectTag(child(wrapper, 0, 'SignedData'), Tag.sequence, 'SignedData');
  const encap = expectTag(
    child(signedData, 2, 'SignedData.encapContentInfo'),
    Tag.sequence,
    'EncapsulatedContentInfo',
  );
  const certificatesNode = findContext(signedData, 0);
  const certificates = (certificatesNode?.children ?? [])
    .filter((c) => c.tag === Tag.sequence) // other CertificateChoices (attribute certs) are ignored
    .map((c) => Buffer.from(c.raw));
  const signerInfosNode = expectTag(
    signedData.children[signedData.children.length - 1],
    Tag.set,
    'SignerInfos',
  );
  return {
    encapsulatedContentType: readOid(child(encap, 0, 'EncapsulatedContentInfo')),
    hasEncapsulatedContent: encap.children.length > 1,
    certificates,
    signerInfos: signerInfosNode.children.map(parseSignerInfo),
  };
}
