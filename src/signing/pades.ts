/**
 * PAdES B-B signatures on PDFs made by pdf-lib.
 *
 * Two steps, so the renderer can sign the document it already holds without a
 * second parse: `preparePdfForSigning(doc, …)` adds an invisible signature field
 * whose /Sig dictionary carries a zero-filled /Contents and a placeholder
 * /ByteRange; after `doc.save({ useObjectStreams: false })`, `signPreparedPdf`
 * patches the byte range, hashes everything outside /Contents, builds the CMS
 * SignedData and writes it in hex. `signPdf` does both for raw PDF bytes.
 */
import { createHash, type KeyObject, X509Certificate } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { toDer } from '../crypto/x509.js';
import { AppError } from '../shared/errors.js';
import { buildSignedData } from './cms.js';

/** Room for an RSA-4096 signature and a three-certificate chain; the hex takes twice this. */
export const DEFAULT_PLACEHOLDER_BYTES = 8192;

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [ 0 /********** /********** /********** ]';
const PLACEHOLDER_NAME = '**********';

export interface SignatureAppearance {
  /** When the document is signed; written as /M (PAdES keeps signingTime out of the CMS). */
  signingTime: Date;
  reason?: string;
  location?: string;
  /** The signer's name as shown by readers (e.g. the mayor). */
  name?: string;
  contactInfo?: string;
  /** Bytes reserved for the CMS; default DEFAULT_PLACEHOLDER_BYTES. */
  placeholderBytes?: number;
  /** Name of the signature form field; default 'Signature1' (a suffix is added when taken). */
  fieldName?: string;
}

export interface PdfSigner {
  /** An RSA private key: PKCS#1 v1.5 signatures are deterministic, so documents are reproducible. */
  privateKey: KeyObject;
  /** The signer certificate first, then its issuers (the root may be included). */
  certificateChain: ReadonlyArray<X509Certificate | Uint8Array>;
}

export interface SignPdfOptions extends PdfSigner, SignatureAppearance {}

function textValue(value: string): PDFString | PDFHexString {
  // Printable ASCII goes as a literal; anything else as UTF-16BE with a BOM.
  return /^[\x20-\x7e]*$/.test(value) ? PDFString.of(escapeLiteral(value)) : PDFHexString.fromText(value);
}

function escapeLiteral(value: string): string {
  return value.replace(/[\\()]/g, (c) => `\\${c}`);
}

function uniqueFieldName(doc: PDFDocument, wanted: string): string {
  const taken = new Set<string>();
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  for (const [field] of fields) {
    const name = field.getPartialName();
    if (name) taken.add(name);
  }
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

/**
 * Add an invisible signature field and its /Sig dictionary with placeholders to the
 * first page. Save afterwards with `{ useObjectStreams: false }` so the dictionary
 * stays readable for patching.
 */
export function preparePdfForSigning(doc: PDFDocument, appearance: SignatureAppearance): void {
  const placeholderBytes = appearance.placeholderBytes ?? DEFAULT_PLACEHOLDER_BYTES;
  if (!Number.isInteger(placeholderBytes) || placeholderBytes < 1024 || placeholderBytes > 1 << 20) {
    throw new AppError('invalid', 'signing.placeholder_size', {
      ja: '署名領域の大きさが不正です。',
      en: 'The signature placeholder size is out of range.',
    });
  }
  if (Number.isNaN(appearance.signingTime.getTime())) {
    throw new AppError('invalid', 'signing.time_invalid', {
      ja: '署名時刻が不正です。',
      en: 'Invalid signing time.',
    });
  }
  const page = doc.getPages()[0];
  if (!page) {
    throw new AppError('unprocessable', 'signing.no_pages', {
      ja: 'ページのないPDFには署名できません。',
      en: 'A PDF without pages cannot be signed.',
    });
  }
  const { context } = doc;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(PLACEHOLDER_NAME));

  const sig = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
  });
  // /ByteRange right before /Contents: signPreparedPdf finds the one after the other.
  sig.set(PDFName.of('ByteRange'), byteRange);
  sig.set(PDFName.of('Contents'), PDFHexString.of('0'.repeat(placeholderBytes * 2)));
  sig.set(PDFName.of('M'), PDFString.fromDate(appearance.signingTime));
  if (appearance.name) sig.set(PDFName.of('Name'), textValue(appearance.name));
  if (appearance.reason) sig.set(PDFName.of('Reason'), textValue(appearance.reason));
  if (appearance.location) sig.set(PDFName.of('Location'), textValue(appearance.location));
  if (appearance.contactInfo) sig.set(PDFName.of('ContactInfo'), textValue(appearance.contactInfo));
  const sigRef = context.register(sig);

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: 132, // Print | Locked
    P: page.ref,
  });
  widget.set(
    PDFName.of('T'),
    PDFString.of(escapeLiteral(uniqueFieldName(doc, appearance.fieldName ?? 'Signature1'))),
  );
  widget.set(PDFName.of('V'), sigRef);
  const widgetRef = context.register(widget);
  page.node.addAnnot(widgetRef);

  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.addField(widgetRef);
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3)); // SignaturesExist | AppendOnly
}

function signingError(code: string, en: string, ja: string): AppError {
  return new AppError('unprocessable', `signing.${code}`, { ja, en });
}

interface SignerFacts {
  /** The chain as DER, signer first. */
  certificates: Buffer[];
  /** The length of every CMS this signer makes: RSA PKCS#1 v1.5 signatures have the key's length. */
  cmsBytes: number;
}

const knownSigners = new WeakMap<KeyObject, { chain: PdfSigner['certificateChain']; facts: SignerFacts }>();

/**
 * What signing needs from a signer that does not change from one document to
 * the next — the DER chain, the check that key and certificate belong together,
 * the size of the signature — worked out once per signer object.
 */
function signerFacts(signer: PdfSigner): SignerFacts {
  const known = knownSigners.get(signer.privateKey);
  if (known && known.chain === signer.certificateChain) return known.facts;
  const certificates = signer.certificateChain.map((c) => toDer(c));
  const leaf = certificates[0];
  if (!leaf) throw signingError('no_certificate', 'The certificate chain is empty.', '証明書がありません。');
  if (!new X509Certificate(leaf).checkPrivateKey(signer.privateKey)) {
    throw signingError(
      'key_mismatch',
      'The private key does not match the signer certificate.',
      '鍵と証明書が一致しません。',
    );
  }
  const sample = buildSignedData({ digest: Buffer.alloc(32), privateKey: signer.privateKey, certificates });
  const facts = { certificates, cmsBytes: sample.length };
  knownSigners.set(signer.privateKey, { chain: signer.certificateChain, facts });
  return facts;
}

/** Bytes the /Contents placeholder needs for this signer's signatures, exactly. */
export function signatureBytes(signer: PdfSigner): number {
  return signerFacts(signer).cmsBytes;
}

/**
 * Sign a PDF saved after `preparePdfForSigning`. Synchronous and allocation-light:
 * one copy of the file, one hash pass, one RSA operation.
 */
export function signPreparedPdf(prepared: Uint8Array, signer: PdfSigner): Uint8Array {
  const pdf = Buffer.from(prepared); // a copy: the caller's bytes stay untouched
  const marker = Buffer.from(BYTE_RANGE_PLACEHOLDER, 'latin1');
  const byteRangeAt = pdf.lastIndexOf(marker);
  if (byteRangeAt < 0) {
    throw signingError(
      'placeholder_missing',
      'No signature placeholder found (prepare the document and save it without object streams).',
      '署名領域が見つかりません。',
    );
  }
  const contentsKey = Buffer.from('/Contents <', 'latin1');
  const contentsKeyAt = pdf.indexOf(contentsKey, byteRangeAt + marker.length);
  if (contentsKeyAt < 0 || contentsKeyAt - (byteRangeAt + marker.length) > 8) {
    throw signingError(
      'placeholder_missing',
      'The /Contents placeholder does not follow /ByteRange.',
      '署名領域が不正です。',
    );
  }
  const start = contentsKeyAt + contentsKey.length - 1; // the '<'
  const end = pdf.indexOf(0x3e /* > */, start) + 1;
  if (end <= 0)
    throw signingError('placeholder_missing', 'Unterminated /Contents placeholder.', '署名領域が不正です。');
  const capacity = (end - start - 2) / 2;
  for (let i = start + 1; i < end - 1; i++) {
    if (pdf[i] !== 0x30)
      throw signingError('placeholder_used', 'The placeholder is not empty.', '既に署名されています。');
  }

  const ranges = [0, start, end, pdf.length - end];
  const patched = `/ByteRange [${ranges.join(' ')}]`;
  if (patched.length > marker.length) {
    throw signingError(
      'too_large',
      'The document is too large for the byte range field.',
      '文書が大きすぎます。',
    );
  }
  pdf.write(patched.padEnd(marker.length, ' '), byteRangeAt, 'latin1');

  const digest = createHash('sha256').update(pdf.subarray(0, start)).update(pdf.subarray(end)).digest();
  const { certificates } = signerFacts(signer);
  const cms = buildSignedData({ digest, privateKey: signer.privateKey, certificates });
  if (cms.length > capacity) {
    throw signingError(
      'placeholder_too_small',
      `The signature needs ${cms.length} bytes but the placeholder holds ${capacity}.`,
      '署名領域が不足しています。',
    );
  }
  pdf.write(cms.toString('hex'), start + 1, 'latin1');
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * Sign arbitrary PDF bytes: load with pdf-lib (metadata untouched, so the output is
 * a function of the input), add the placeholder, save, sign.
 */
export async function signPdf(pdfBytes: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  preparePdfForSigning(doc, options);
  const prepared = await doc.save({ useObjectStreams: false });
  return signPreparedPdf(prepared, options);
}
