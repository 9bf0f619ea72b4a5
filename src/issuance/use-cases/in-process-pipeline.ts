import { PDFDict, PDFName, PDFString } from 'pdf-lib';
import type { CertificateDocument } from '../../render/model.js';
import { renderCertificate } from '../../render/render-certificate.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { preparePdfForSigning, signatureBytes } from '../../signing/pades.js';
import {
  type DocumentPipeline,
  finishCertificate,
  type PreparedCertificate,
  type RenderedCertificate,
  renderAndSignWith,
} from './document-pipeline.js';

/**
 * Renders a certificate ready to be numbered and signed: the verification code
 * goes into the PDF's metadata (so the engine can check that the file it
 * records is the one it rendered for this request), then an empty PAdES
 * signature of exactly `signatureSize` bytes, the size the municipality's key
 * makes. Only the size: the key itself stays with whoever signs.
 */
export async function prepareUnsigned(
  doc: CertificateDocument,
  signatureSize: number,
  signingTime: Date,
): Promise<PreparedCertificate> {
  const { pdf, pages, issueNumber } = await renderCertificate(doc);
  // A literal (not hex) string, so the bytes themselves name the issuance they belong to.
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('MadoguchiVerificationCode'), PDFString.of(doc.verification.code));
  preparePdfForSigning(pdf, {
    signingTime,
    name: `${doc.certifier.title} ${doc.certifier.name}`,
    reason: '証明書の発行 (certificate issuance)',
    location: doc.municipality.name,
    placeholderBytes: signatureSize,
  });
  return { unsigned: await pdf.save({ useObjectStreams: false }), pages, issueNumber };
}

/** Renders a certificate ready to be numbered and signed by `identity`. */
export function prepareCertificate(
  doc: CertificateDocument,
  identity: LoadedSigningIdentity,
  signingTime: Date,
): Promise<PreparedCertificate> {
  return prepareUnsigned(doc, signatureBytes(identity), signingTime);
}

/** Renders and signs a certificate with the issue number it carries. */
export async function renderAndSignCertificate(
  doc: CertificateDocument,
  identity: LoadedSigningIdentity,
  signingTime: Date,
): Promise<RenderedCertificate> {
  return finishCertificate(await prepareCertificate(doc, identity, signingTime), doc.issueNumber, identity);
}

export const inProcessPipeline: DocumentPipeline = {
  prepare: prepareCertificate,
  renderAndSign: renderAndSignWith(prepareCertificate),
};
