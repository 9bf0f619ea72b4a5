import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CERTIFICATES, isCertificateType } from '../../domain/certificates.js';
import { formatEraDate } from '../../domain/japanese-era.js';
import { AppError } from '../../shared/errors.js';
import { splitPemCertificates as parseCertificateChain } from '../../signing/keys.js';
import { verifyPdfSignature } from '../../signing/verify-pdf.js';
import { findIssuanceByContentHash, findIssuanceByVerificationCode } from '../data/issuance.repository.js';
import { findSigningIdentityRow } from '../data/signing-identity.repository.js';
import { printedIssueNumber, tokyoDate } from '../domain/build-document.js';
import { normalizeVerificationCode } from '../domain/verification-code.js';

/**
 * What the public verification page may say about a certificate: that it was
 * issued, by whom, when and under which number — never whose it is. A
 * verifier who holds the paper already knows the rest.
 */
export interface PublicIssuance {
  verificationCode: string;
  municipalityCode: string;
  municipalityName: string;
  prefecture: string;
  certificate: string;
  certificateNameJa: string;
  certificateNameEn: string;
  issuedOn: string;
  issuedOnJa: string;
  issueNumber: string;
  pages: number;
  status: 'issued' | 'voided';
}

type IssuanceWithMunicipality = NonNullable<Awaited<ReturnType<typeof findIssuanceByVerificationCode>>>;

function publicView(row: IssuanceWithMunicipality): PublicIssuance {
  const info = isCertificateType(row.certificate) ? CERTIFICATES[row.certificate] : undefined;
  const issuedOn = tokyoDate(new Date(row.issued_at));
  return {
    verificationCode: row.verification_code,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    prefecture: row.prefecture,
    certificate: row.certificate,
    certificateNameJa: info?.nameJa ?? row.certificate,
    certificateNameEn: info?.nameEn ?? row.certificate,
    issuedOn,
    issuedOnJa: formatEraDate(issuedOn),
    // The same 発行番号 the paper shows (第R8-000123号), so the two can be compared.
    issueNumber: printedIssueNumber(row.fiscal_year, row.issue_number),
    pages: row.pages,
    status: row.status,
  };
}

const unknownCode = () =>
  new AppError('not_found', 'verification_code_unknown', {
    ja: 'この確認コードの証明書は発行されていません。コードをお確かめください。',
    en: 'No certificate was issued with this verification code. Please check the code.',
  });

export async function lookUpVerificationCode(db: Kysely<DB>, input: string): Promise<PublicIssuance> {
  const code = normalizeVerificationCode(input);
  if (!code)
    throw new AppError('invalid', 'verification_code_malformed', {
      ja: '確認コードの形式が正しくありません（英数字20文字）。',
      en: 'A verification code has 20 letters and digits.',
    });
  const row = await findIssuanceByVerificationCode(db, code);
  if (!row) throw unknownCode();
  return publicView(row);
}

export type FileVerdict =
  | 'genuine' // signature valid and the file is byte for byte the one issued
  | 'voided' // genuine, but the municipality has voided the issuance
  | 'altered' // the signature no longer matches: a byte changed
  | 'not_issued_here' // validly signed, but not a file this system issued (or not with this code)
  | 'unsigned'; // no signature at all

export interface FileVerification {
  verdict: FileVerdict;
  signatureValid: boolean;
  signatureProblem?: string;
  matchesIssuedFile: boolean;
  sha256: string;
  issuance?: PublicIssuance;
}

const MAX_PDF_BYTES = 5 * 1024 * 1024;

/**
 * Checks an uploaded PDF: the PAdES signature against the municipality's own
 * certificate chain, and the file's SHA-256 against the content hash recorded
 * at issuance. A single changed byte fails both.
 */
export async function verifyCertificateFile(
  db: Kysely<DB>,
  pdf: Uint8Array,
  options: { verificationCode?: string } = {},
): Promise<FileVerification> {
  if (pdf.byteLength === 0 || pdf.byteLength > MAX_PDF_BYTES)
    throw new AppError('invalid', 'verification_file_size', {
      ja: 'PDFファイル（5MBまで）を選んでください。',
      en: 'Choose a PDF file of at most 5 MB.',
    });
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-')
    throw new AppError('invalid', 'verification_not_pdf', {
      ja: 'PDFファイルではありません。',
      en: 'This is not a PDF file.',
    });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const expected = options.verificationCode
    ? await lookUpVerificationCode(db, options.verificationCode)
    : undefined;
  const byHash = await findIssuanceByContentHash(db, sha256);
  const issuanceRow =
    byHash && (!expected || byHash.verification_code === expected.verificationCode) ? byHash : undefined;
  const municipalityCode = issuanceRow?.municipality_code ?? expected?.municipalityCode;

  const trusted = [];
  if (municipalityCode) {
    const identity = await findSigningIdentityRow(db, municipalityCode);
    if (identity) trusted.push(...parseCertificateChain(identity.certificate_chain_pem));
  } else {
    // Without a hint, any municipality served here may have signed it.
    const rows = await db.selectFrom('signing_identity').select('certificate_chain_pem').execute();
    for (const row of rows) trusted.push(...parseCertificateChain(row.certificate_chain_pem));
  }
  const roots = trusted.filter((cert) => cert.issuer === cert.subject);
  const signature = verifyPdfSignature(pdf, roots.length ? roots : trusted);
  const issuance = issuanceRow ? publicView(issuanceRow) : expected;
  const verdict: FileVerdict =
    signature.failure === 'no_signature'
      ? 'unsigned'
      : !signature.valid
        ? 'altered'
        : !issuanceRow
          ? 'not_issued_here'
          : issuanceRow.status === 'voided'
            ? 'voided'
            : 'genuine';
  return {
    verdict,
    signatureValid: signature.valid,
    ...(signature.valid ? {} : { signatureProblem: signature.reason ?? signature.failure }),
    matchesIssuedFile: Boolean(issuanceRow),
    sha256,
    ...(issuance ? { issuance } : {}),
  };
}
