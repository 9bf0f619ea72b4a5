import { createHash } from 'node:crypto';
import { formatEraDate } from '../../domain/japanese-era.js';
import { AppError } from '../../shared/errors.js';
import { verifyPdfSignature } from '../../signing/verify-pdf.js';
import { findByCertificateCode } from '../data/notification.repository.js';
import { normalizeCertificateCode } from '../domain/reference.js';
import { type NotificationDeps, tokyoDate } from './notification-deps.js';

const unknownCode = () =>
  new AppError('not_found', 'tenshutsu_certificate_unknown', {
    ja: 'この確認コードの転出証明書はありません。コードをお確かめください。',
    en: 'No certificate of moving out has this verification code.',
  });

/**
 * Public check of a 転出証明書 by the code printed on it (its QR code): who
 * issued it, its number and date — nothing about the people in it. With the
 * PDF, also whether the file is byte for byte the one issued and its
 * signature verifies against the municipality's certificate.
 */
export async function verifyTenshutsuCertificate(
  deps: NotificationDeps,
  input: { code: string; pdf?: Uint8Array | undefined },
) {
  const code = normalizeCertificateCode(input.code);
  if (!code) throw unknownCode();
  const row = await findByCertificateCode(deps.db, code);
  if (!row?.certificate_pdf || !row.finished_at) throw unknownCode();
  const issuedOn = tokyoDate(new Date(row.finished_at));
  const summary = {
    verificationCode: code,
    certificate: { ja: '転出証明書', en: 'Certificate of moving out' },
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    prefecture: row.prefecture,
    number: row.certificate_number,
    issuedOn,
    issuedOnJa: formatEraDate(issuedOn),
    sha256: row.certificate_sha256,
  };
  if (!input.pdf) return { ...summary, file: null };
  const sameBytes = createHash('sha256').update(input.pdf).digest('hex') === row.certificate_sha256;
  const identity = await deps.identities.get(row.municipality_code);
  const signature = verifyPdfSignature(input.pdf, [identity.trustAnchor]);
  const verdict = !signature.valid
    ? signature.failure === 'no_signature'
      ? 'unsigned'
      : 'altered'
    : sameBytes
      ? 'genuine'
      : 'not_issued_here';
  return { ...summary, file: { verdict, signatureValid: signature.valid, sameBytes } };
}
