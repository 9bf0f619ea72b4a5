/**
 * The transfer record (転出証明書 data) of 引越しワンストップ: what the former town
 * sends so the new town reads the movers instead of a paper certificate. This
 * town writes one for every accepted 転出 and reads one for a 転入. When it was
 * made by a municipality this deployment serves, its signature is checked
 * against that municipality's signing certificate.
 */
import { type KeyObject, sign, verify, type X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './draft-seal.js';
import {
  isoDate,
  juminhyoCode,
  kanaText,
  municipalityCode,
  myNumber,
  nameText,
  postalCode,
  text,
} from './fields.js';

export const TRANSFER_RECORD_FORMAT = 'madoguchi.transfer-record/1';

const placeSchema = z.strictObject({
  country: text(60).optional(),
  postalCode: postalCode().optional(),
  address: text(200),
  katagaki: text(100).optional(),
});

export const transferPersonSchema = z.strictObject({
  familyName: nameText(),
  givenName: z.union([z.literal(''), nameText()]),
  familyNameKana: kanaText(),
  givenNameKana: z.union([z.literal(''), kanaText()]),
  birthDate: isoDate(),
  sex: z.enum(['M', 'F']),
  relationship: text(20),
  juminhyoCode: juminhyoCode(),
  myNumber: myNumber().optional(),
  honseki: text(200).optional(),
  hittosha: nameText(60).optional(),
  nationality: text(60).optional(),
  /** 住民となった年月日 in the former town. */
  residentSince: isoDate().optional(),
});
export type TransferPerson = z.infer<typeof transferPersonSchema>;

const recordBody = {
  format: z.literal(TRANSFER_RECORD_FORMAT),
  from: z.strictObject({ municipalityCode: municipalityCode(), municipalityName: text(60) }),
  certificateNumber: text(40),
  issuedOn: isoDate(),
  /** 転出予定日 (or the day of the move). */
  moveDate: isoDate(),
  notifiedOn: isoDate(),
  /** The address in the former town: the 前住所 of the 転入. */
  address: placeSchema,
  destination: placeSchema,
  head: z.strictObject({ familyName: nameText(), givenName: z.union([z.literal(''), nameText()]) }),
  persons: z.array(transferPersonSchema).min(1).max(20),
};

export const transferRecordSchema = z.strictObject({
  ...recordBody,
  /** RSASSA-PKCS1-v1_5 with SHA-256 over the canonical JSON of the record without this member. */
  signature: z.strictObject({ algorithm: z.literal('RS256'), value: z.base64() }).optional(),
});
export type TransferRecord = z.infer<typeof transferRecordSchema>;
export type UnsignedTransferRecord = Omit<TransferRecord, 'signature'>;

function signedBytes(record: UnsignedTransferRecord | TransferRecord): Buffer {
  const { signature: _ignored, ...body } = record as TransferRecord;
  return Buffer.from(canonicalJson(body), 'utf8');
}

export function signTransferRecord(record: UnsignedTransferRecord, privateKey: KeyObject): TransferRecord {
  const value = sign('sha256', signedBytes(record), privateKey).toString('base64');
  return { ...record, signature: { algorithm: 'RS256', value } };
}

export function transferRecordSignatureValid(record: TransferRecord, certificate: X509Certificate): boolean {
  if (!record.signature) return false;
  try {
    return verify(
      'sha256',
      signedBytes(record),
      certificate.publicKey,
      Buffer.from(record.signature.value, 'base64'),
    );
  } catch {
    return false;
  }
}
