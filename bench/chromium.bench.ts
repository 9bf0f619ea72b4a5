/**
 * The baseline: the same single-page 住民票 as HTML, printed by Debian's
 * headless Chromium through playwright-core (`page.pdf()` on a warm, reused
 * page), then signed exactly as madoguchi signs (PAdES placeholder, save,
 * one RSA signature). Checks with pdffonts that Chromium really embedded the
 * Japanese font: without fontconfig seeing it, Chromium silently falls back.
 * Run alone: `npx tsx bench/chromium.bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { chromium } from 'playwright-core';
import type { JuminhyoDocument } from '../src/render/model.js';
import { sampleHeader } from '../src/render/testing/sample-documents.js';
import type { LoadedSigningIdentity } from '../src/signing/keys.js';
import { preparePdfForSigning, signPreparedPdf } from '../src/signing/pades.js';
import { juminhyoHtml } from './juminhyo-html.js';
import { cpuMsNow, type LoopFigures, loadNow, medianOf, treeCpuMs } from './measure.js';
import { benchIdentity, SIGNING_TIME, singlePageJuminhyo } from './pipeline.bench.js';
import { median, percentile, round } from './stats.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];

export interface ChromiumFigures extends LoopFigures {
  chromiumVersion: string;
  /** Size of the signed PDF. */
  bytes: number;
  /** Fonts in the PDF as pdffonts lists them. */
  fonts: string[];
  /** True when an IPA明朝 / IPAmj明朝 subset is embedded: the comparison is like for like. */
  japaneseFontEmbedded: boolean;
  /** Of the CPU time per PDF: Chromium's processes, and Node's (HTML, protocol, signing). */
  chromiumCpuMsPerRun: number;
  nodeCpuMsPerRun: number;
  load: number;
}

function pdffonts(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-chromium-'));
  try {
    const file = join(dir, 'baseline.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => line.trim().split(/\s+/)[0]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchChromium(
  options: { runs?: number; repeats?: number; identity?: LoadedSigningIdentity } = {},
): Promise<ChromiumFigures | { skipped: string }> {
  if (!existsSync(CHROMIUM_PATH))
    return { skipped: `${CHROMIUM_PATH} is missing (apt-get install chromium)` };
  const runs = options.runs ?? 20;
  const repeats = options.repeats ?? 3;
  const identity = options.identity ?? (await benchIdentity());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const base = singlePageJuminhyo() as JuminhyoDocument;
    let n = 0;
    async function printOne(): Promise<Uint8Array> {
      const header = sampleHeader('juminhyo', ++n);
      const doc: JuminhyoDocument = {
        ...base,
        issueNumber: header.issueNumber,
        verification: header.verification,
      };
      await page.setContent(await juminhyoHtml(doc), { waitUntil: 'load' });
      const printed = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pdf = await PDFDocument.load(printed, { updateMetadata: false });
      preparePdfForSigning(pdf, {
        signingTime: SIGNING_TIME,
        name: `${doc.certifier.title} ${doc.certifier.name}`,
        reason: '証明書の発行 (certificate issuance)',
        location: doc.municipality.name,
      });
      return signPreparedPdf(await pdf.save({ useObjectStreams: false }), identity);
    }
    for (let i = 0; i < 5; i++) await printOne(); // warm page, fonts, JIT
    const sample = await printOne();
    const fonts = pdffonts(sample);

    const loops: (LoopFigures & { chromiumCpuMsPerRun: number; nodeCpuMsPerRun: number })[] = [];
    for (let r = 0; r < repeats; r++) {
      const samples: number[] = [];
      const nodeStart = cpuMsNow();
      const chromeStart = treeCpuMs(process.pid) - nodeStart;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await printOne();
        samples.push(performance.now() - started);
      }
      const nodeMs = (cpuMsNow() - nodeStart) / runs;
      // /proc counts this process too (in 10 ms ticks); Chromium's share is the rest of the tree.
      const chromeMs = Math.max(0, (treeCpuMs(process.pid) - cpuMsNow() - chromeStart) / runs);
      const ms = median(samples);
      loops.push({
        runs,
        medianMs: round(ms, 3),
        p95Ms: round(percentile(samples, 95), 3),
        perSecond: round(1000 / ms, 1),
        cpuMsPerRun: round(nodeMs + chromeMs, 3),
        perCpuSecond: round(1000 / (nodeMs + chromeMs), 1),
        chromiumCpuMsPerRun: round(chromeMs, 3),
        nodeCpuMsPerRun: round(nodeMs, 3),
      });
    }
    return {
      ...medianOf(loops),
      chromiumVersion: browser.version(),
      bytes: sample.length,
      fonts,
      japaneseFontEmbedded: fonts.some((f) => /IPAmj|IPAMincho|IPA明朝/i.test(f)),
      load: loadNow(),
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchChromium();
  console.log(JSON.stringify(figures, null, 2));
}
