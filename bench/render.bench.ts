/**
 * Certificate rendering speed and size per kind: PDFs per second on one core
 * (median of repeated runs, fonts already parsed) and bytes per PDF, for the
 * sample documents of each kind plus the paginated cases (a 12-person household,
 * a 10-member register). Run alone: `npx tsx bench/render.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { warmFonts } from '../src/render/fonts.js';
import type { CertificateDocument } from '../src/render/model.js';
import { renderCertificateBytes } from '../src/render/render-certificate.js';
import { sampleDocuments, sampleJuminhyo, sampleKoseki } from '../src/render/testing/sample-documents.js';
import { median, round } from './stats.js';

export interface RenderBenchResult {
  pdfsPerSecond: number;
  bytesPerPdf: number;
  /** Median milliseconds per PDF (render and save). */
  medianMs: number;
  pages: number;
}

async function measure(doc: CertificateDocument, runs: number): Promise<RenderBenchResult> {
  let bytes = 0;
  let pages = 0;
  // Warm-up: JIT, glyph caches of the font chain.
  for (let i = 0; i < 5; i++)
    ({
      bytes: { length: bytes },
      pages,
    } = await renderCertificateBytes(doc));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await renderCertificateBytes(doc);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const ms = median(samples);
  return { pdfsPerSecond: round(1000 / ms, 1), bytesPerPdf: bytes, medianMs: round(ms, 3), pages };
}

export async function benchRender(runs = 60): Promise<Record<string, RenderBenchResult>> {
  warmFonts();
  const docs: Record<string, CertificateDocument> = {
    ...sampleDocuments(),
    'juminhyo (12 persons)': sampleJuminhyo(12),
    'koseki-zenbu (10 members)': sampleKoseki(10),
  };
  const results: Record<string, RenderBenchResult> = {};
  for (const [name, doc] of Object.entries(docs)) results[name] = await measure(doc, runs);
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const start = process.hrtime.bigint();
  warmFonts();
  console.log(`font parse: ${round(Number(process.hrtime.bigint() - start) / 1e6, 1)} ms`);
  const results = await benchRender();
  console.log(`${'kind'.padEnd(28)} ${'pdf/s'.padStart(8)} ${'ms'.padStart(8)} ${'bytes'.padStart(8)} pages`);
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(28)} ${String(r.pdfsPerSecond).padStart(8)} ${String(r.medianMs).padStart(8)} ${String(r.bytesPerPdf).padStart(8)} ${r.pages}`,
    );
  }
}
