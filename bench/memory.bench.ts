/**
 * Memory of the render pool: what one render thread adds to the process, and
 * whether the resident set stays flat over many certificates (a leak shows as
 * steady growth after warm-up). The default run renders a few thousand;
 * `npm run bench -- --soak` renders 100,000. Run alone:
 * `npx tsx bench/memory.bench.ts [COUNT] [THREADS]`.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadNow } from './measure.js';
import type { MemoryChildReport } from './memory-child.js';
import { round } from './stats.js';

const MIB = 1024 * 1024;

export interface MemoryFigures {
  count: number;
  threads: number;
  /** RSS one render thread adds right after warm-up, in MiB. */
  perWorkerWarmMiB: number;
  /** RSS one render thread adds at the run's peak: (max − base) / threads. */
  perWorkerPeakMiB: number;
  baseMiB: number;
  warmMiB: number;
  /** RSS when a fifth of the certificates are done (everything is warm by then) and at the end. */
  afterFifthMiB: number;
  endMiB: number;
  maxMiB: number;
  /** Least-squares slope of RSS from the one-fifth mark on, per 10,000 certificates (samples swing with GC). */
  growthMiBPer10k: number;
  /** The fitted growth from the one-fifth mark to the end stays within max(10 MiB, 5 %). */
  flat: boolean;
  perSecond: number;
  samples: { done: number; rssMiB: number }[];
  load: number;
}

function leastSquaresSlope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function runMemoryChild(count: number, threads: number): Promise<MemoryChildReport> {
  const script = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
  const root = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', script, String(count), String(threads)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) reject(new Error(`memory child exited with ${code}: ${err}`));
      else resolve(JSON.parse(line) as MemoryChildReport);
    });
  });
}

export async function benchMemory(count = 4000, threads = availableParallelism()): Promise<MemoryFigures> {
  const report = await runMemoryChild(count, threads);
  const mib = (bytes: number) => round(bytes / MIB, 1);
  const fifth = report.samples.find((s) => s.done >= count / 5) ?? report.samples[0]!;
  const end = report.samples.at(-1)!;
  const tail = report.samples.filter((s) => s.done >= fifth.done);
  const slope = leastSquaresSlope(tail.map((s) => [s.done, s.rssBytes]));
  const fittedGrowth = slope * (end.done - fifth.done);
  const max = Math.max(...report.samples.map((s) => s.rssBytes));
  return {
    count,
    threads,
    perWorkerWarmMiB: mib((report.warmRssBytes - report.baseRssBytes) / threads),
    perWorkerPeakMiB: mib((max - report.baseRssBytes) / threads),
    baseMiB: mib(report.baseRssBytes),
    warmMiB: mib(report.warmRssBytes),
    afterFifthMiB: mib(fifth.rssBytes),
    endMiB: mib(end.rssBytes),
    maxMiB: mib(max),
    growthMiBPer10k: round((slope * 10_000) / MIB, 2),
    flat: fittedGrowth <= Math.max(10 * MIB, 0.05 * fifth.rssBytes),
    perSecond: round(count / report.seconds, 1),
    samples: report.samples.map((s) => ({ done: s.done, rssMiB: mib(s.rssBytes) })),
    load: loadNow(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchMemory(
    Number(process.argv[2] ?? 4000),
    Number(process.argv[3] ?? availableParallelism()),
  );
  console.log(JSON.stringify(figures, null, 2));
}
