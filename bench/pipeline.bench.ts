/**
 * Render + sign, the work an issuance hands to its pipeline: signed PDFs per
 * second on one core and their size, per certificate kind; then the same
 * through the worker pool on every core. Run alone: `npx tsx bench/pipeline.bench.ts`.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { renderAndSignCertificate } from '../src/issuance/use-cases/in-process-pipeline.js';
import { workerPipeline } from '../src/issuance/use-cases/worker-pipeline.js';
import { warmFonts } from '../src/render/fonts.js';
import type { CertificateDocument } from '../src/render/model.js';
import {
  sampleDocuments,
  sampleHeader,
  sampleJuminhyo,
  sampleKoseki,
} from '../src/render/testing/sample-documents.js';
import {
  createMunicipalitySigningIdentity,
  type LoadedSigningIdentity,
  loadSigningIdentity,
} from '../src/signing/keys.js';
import { cpuMsNow, type LoopFigures, loadNow, measureLoop, medianOf } from './measure.js';
import { round } from './stats.js';

const PASSPHRASE = 'benchmark-passphrase-not-a-secret';
export const SIGNING_TIME = new Date('2026-11-24T01:00:00Z');

export async function benchIdentity(): Promise<LoadedSigningIdentity> {
  const stored = await createMunicipalitySigningIdentity({
    municipalityCode: '999997',
    name: '見本市',
    mayorName: '見本　太郎',
    now: new Date('2026-04-01T00:00:00Z'),
    passphrase: PASSPHRASE,
  });
  return loadSigningIdentity(stored, PASSPHRASE);
}

/** The single-page 住民票 both the pipeline and the Chromium baseline print: one person, kiosk items. */
export function singlePageJuminhyo(n = 1): CertificateDocument {
  const doc = sampleJuminhyo(1, n);
  return { ...doc, scope: 'partial' };
}

export interface SignedKindFigures extends LoopFigures {
  bytes: number;
  pages: number;
}

export interface PipelineFigures {
  /** Render + sign on the main thread, per kind (medians of `repeats` loops). */
  oneCore: Record<string, SignedKindFigures>;
  /**
   * Through the worker pool, all cores: signed PDFs per wall-clock second with
   * `jobs` queued at once, after one warm-up batch; the median of `rounds` batches.
   */
  pool: { threads: number; jobs: number; rounds: number; perSecond: number; cpuMsPerPdf: number };
  load: number;
}

/** Every document gets its own issue number and code, as issuances do: no cache sees the same page twice. */
function numbered(doc: CertificateDocument, n: number): CertificateDocument {
  const header = sampleHeader(doc.kind, n);
  return { ...doc, issueNumber: header.issueNumber, verification: header.verification };
}

export async function benchPipeline(
  options: { runs?: number; repeats?: number; poolJobs?: number; identity?: LoadedSigningIdentity } = {},
): Promise<PipelineFigures> {
  const runs = options.runs ?? 40;
  const repeats = options.repeats ?? 3;
  const identity = options.identity ?? (await benchIdentity());
  warmFonts();
  const docs: Record<string, CertificateDocument> = {
    'juminhyo (1 person, 1 page)': singlePageJuminhyo(),
    ...sampleDocuments(),
    'juminhyo (12 persons)': sampleJuminhyo(12),
    'koseki-zenbu (10 members)': sampleKoseki(10),
  };
  const oneCore: Record<string, SignedKindFigures> = {};
  for (const [name, doc] of Object.entries(docs)) {
    const sample = await renderAndSignCertificate(doc, identity, SIGNING_TIME);
    let n = 1;
    const loops: LoopFigures[] = [];
    for (let r = 0; r < repeats; r++)
      loops.push(
        await measureLoop(runs, () => renderAndSignCertificate(numbered(doc, n++), identity, SIGNING_TIME)),
      );
    oneCore[name] = { ...medianOf(loops), bytes: sample.pdf.length, pages: sample.pages };
  }

  const threads = availableParallelism();
  const pipeline = workerPipeline({ size: threads });
  try {
    const doc = singlePageJuminhyo();
    const jobs = options.poolJobs ?? 400;
    let n = 1_000_000;
    const batch = () =>
      Promise.all(
        Array.from({ length: jobs }, () =>
          pipeline.renderAndSign(numbered(doc, n++), identity, SIGNING_TIME),
        ),
      );
    // Warm every thread as a running server is warm: the font parsed, the
    // render path compiled by the JIT. A few jobs per thread are not enough:
    // throughput keeps rising for the first few hundred documents.
    await batch();
    const rounds: { perSecond: number; cpuMsPerPdf: number }[] = [];
    for (let r = 0; r < repeats; r++) {
      const cpuStart = cpuMsNow();
      const started = performance.now();
      await batch();
      const seconds = (performance.now() - started) / 1000;
      rounds.push({ perSecond: jobs / seconds, cpuMsPerPdf: (cpuMsNow() - cpuStart) / jobs });
    }
    const pool = medianOf(rounds);
    return {
      oneCore,
      pool: {
        threads,
        jobs,
        rounds: rounds.length,
        perSecond: round(pool.perSecond, 1),
        cpuMsPerPdf: round(pool.cpuMsPerPdf, 3),
      },
      load: loadNow(),
    };
  } finally {
    await pipeline.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchPipeline();
  console.log(
    `${'kind'.padEnd(30)} ${'pdf/s'.padStart(8)} ${'pdf/cpu-s'.padStart(10)} ${'bytes'.padStart(8)} pages`,
  );
  for (const [name, r] of Object.entries(figures.oneCore))
    console.log(
      `${name.padEnd(30)} ${String(r.perSecond).padStart(8)} ${String(r.perCpuSecond).padStart(10)} ${String(r.bytes).padStart(8)} ${r.pages}`,
    );
  console.log(
    `pool of ${figures.pool.threads}: ${figures.pool.perSecond} signed PDFs/s; load ${figures.load}`,
  );
}
