import { PDFDict, PDFName, PDFString } from 'pdf-lib';
import type { CertificateDocument } from '../../render/model.js';
import { renderCertificate } from '../../render/render-certificate.js';
import type { LoadedSigningIdentity } from '../../signing/keys.js';
import { preparePdfForSigning, signPreparedPdf } from '../../signing/pades.js';
import type { DocumentPipeline, RenderedCertificate } from './document-pipeline.js';

/**
 * Renders and signs a certificate: the verification code goes into the PDF's
 * metadata (so the engine can check that the file it records is the one it
 * rendered for this request), then the PAdES signature by the municipality.
 */
export async function renderAndSignCertificate(
  doc: CertificateDocument,
  identity: LoadedSigningIdentity,
  signingTime: Date,
): Promise<RenderedCertificate> {
  const { pdf, pages } = await renderCertificate(doc);
  // A literal (not hex) string, so the bytes themselves name the issuance they belong to.
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('MadoguchiVerificationCode'), PDFString.of(doc.verification.code));
  preparePdfForSigning(pdf, {
    signingTime,
    name: `${doc.certifier.title} ${doc.certifier.name}`,
    reason: '証明書の発行 (certificate issuance)',
    location: doc.municipality.name,
  });
  const prepared = await pdf.save({ useObjectStreams: false });
  const signed = signPreparedPdf(prepared, identity);
  return { pdf: signed, pages };
}

export const inProcessPipeline: DocumentPipeline = { renderAndSign: renderAndSignCertificate };
