/**
 * Signing speed for a one-page certificate PDF. Medians in milliseconds, plus
 * signatures per second. Run alone: `npx tsx bench/signing.bench.ts`.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createSelfSignedCa, issueCertificate } from '../src/crypto/x509.js';
import { preparePdfForSigning, signPdf, signPreparedPdf } from '../src/signing/pades.js';
import { verifyPdfSignature } from '../src/signing/verify-pdf.js';

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(runs: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

function identity(bits: 2048 | 3072) {
  const caKeys = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const keys = generateKeyPairSync('rsa', { modulusLength: bits });
  const validity = { notBefore: new Date(Date.UTC(2024, 0, 1)), notAfter: new Date(Date.UTC(2034, 0, 1)) };
  const ca = createSelfSignedCa({
    subject: [
      ['C', 'JP'],
      ['CN', 'ベンチ市 認証局'],
    ],
    keyPair: caKeys,
    ...validity,
  });
  const leaf = issueCertificate({
    subject: [
      ['C', 'JP'],
      ['O', 'ベンチ市'],
      ['CN', 'ベンチ市長 山田 太郎'],
    ],
    subjectPublicKey: keys.publicKey,
    issuerCert: ca.x509,
    issuerKey: caKeys.privateKey,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    ...validity,
  });
  return { privateKey: keys.privateKey, certificateChain: [leaf.x509, ca.x509], root: ca.x509 };
}

async function onePagePdf(): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let line = 0; line < 40; line++) {
    page.drawText(`Line ${line}: certificate text, address, names, dates`, {
      x: 50,
      y: 800 - line * 18,
      size: 11,
      font,
    });
  }
  return doc;
}

export async function benchSigning(): Promise<Record<string, number>> {
  const signingTime = new Date(Date.UTC(2024, 1, 9));
  const results: Record<string, number> = {};
  const attributes = Buffer.alloc(190, 7); // about the size of the signed attributes

  for (const bits of [2048, 3072] as const) {
    const signer = identity(bits);
    const rsa = (key: KeyObject) => sign('sha256', attributes, key);
    results[`rsa${bits}_sign_ms`] = await measure(200, () => rsa(signer.privateKey));

    const doc = await onePagePdf();
    preparePdfForSigning(doc, { signingTime, reason: '証明書の交付' });
    const prepared = await doc.save({ useObjectStreams: false });
    results[`rsa${bits}_sign_prepared_pdf_ms`] = await measure(200, () => signPreparedPdf(prepared, signer));
    results[`rsa${bits}_overhead_beyond_rsa_ms`] =
      results[`rsa${bits}_sign_prepared_pdf_ms`]! - results[`rsa${bits}_sign_ms`]!;
    results[`rsa${bits}_signatures_per_second`] = 1000 / results[`rsa${bits}_sign_prepared_pdf_ms`]!;

    const unsigned = await (await onePagePdf()).save();
    results[`rsa${bits}_sign_pdf_bytes_ms`] = await measure(50, () =>
      signPdf(unsigned, { ...signer, signingTime }),
    );

    const signed = signPreparedPdf(prepared, signer);
    results[`rsa${bits}_verify_ms`] = await measure(200, () => {
      if (!verifyPdfSignature(signed, [signer.root]).valid)
        throw new Error('benchmark signature did not verify');
    });
    results.pdf_bytes = prepared.length;
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchSigning();
  for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(36)} ${value.toFixed(3)}`);
}
