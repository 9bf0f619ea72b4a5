/**
 * A certificate PDF of a layout made here, on the certificate frame of
 * src/render (composePages: title, attestation, mayor's seal, issue number and
 * verification QR on every page) with the same security background and seal:
 * the page resources are registerCertificateResources's, as for every certificate.
 */
import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { FontChain } from '../../render/fonts.js';
import type { CertificateHeader } from '../../render/model.js';
import { type CertificateLayout, composePages } from '../../render/page.js';
import { DocumentFonts } from '../../render/pdf-fonts.js';
import { addCertificatePages, registerCertificateResources } from '../../render/render-certificate.js';
import { firstUnprintable, Typesetter, unprintableCharacter } from '../../render/text.js';

/** Refuses a document with a character no font of the chain can print, naming where it is. */
export function checkPrintable(value: unknown, chain: FontChain, path = ''): void {
  if (typeof value === 'string') {
    const bad = firstUnprintable(value, chain);
    if (bad !== undefined) throw unprintableCharacter(bad, { path, ja: path, en: path });
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkPrintable(v, chain, `${path}[${i}]`);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) checkPrintable(v, chain, path ? `${path}.${k}` : k);
}

export async function renderCertificateLayout(
  header: CertificateHeader,
  layout: (ts: Typesetter) => CertificateLayout,
  chain: FontChain,
  title: string,
): Promise<{ pdf: PDFDocument; pages: number }> {
  const ts = new Typesetter(chain);
  const fonts = new DocumentFonts(chain);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const context = pdf.context;
  const composed = composePages(layout(ts), header, { ts, fonts });

  const resources = registerCertificateResources(pdf, chain, fonts, header);
  addCertificatePages(pdf, resources, composed);

  const issued = header.issuedAt ? new Date(header.issuedAt) : new Date(`${header.issuedOn}T00:00:00+09:00`);
  // No personal data in the metadata: viewers show it and search tools index it.
  pdf.setTitle(`${title}（${header.issueNumber}）`);
  pdf.setAuthor(header.municipality.name);
  pdf.setCreator('madoguchi');
  pdf.setProducer('madoguchi notifications');
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  pdf.setLanguage('ja-JP');
  const id = createHash('sha256')
    .update(
      `${header.municipality.code}\0${header.issueNumber}\0${header.verification.code}\0${header.issuedOn}`,
    )
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  // A literal string, so the bytes themselves name the certificate they belong to.
  const info = context.lookup(context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('MadoguchiVerificationCode'), PDFString.of(header.verification.code));
  return { pdf, pages: composed.contents.length };
}
