/**
 * Child process of the memory benchmark (bench/memory.bench.ts): a process of
 * its own so its resident set is only the render pool's. Renders and signs
 * `count` single-page certificates through a pool of `threads` workers, each
 * with its own number and code, and prints one JSON line with RSS samples.
 * Usage: node --expose-gc --import tsx bench/memory-child.ts COUNT THREADS
 */
import { workerPipeline } from '../src/issuance/use-cases/worker-pipeline.js';
import type { CertificateDocument } from '../src/render/model.js';
import { sampleHeader } from '../src/render/testing/sample-documents.js';
import { benchIdentity, SIGNING_TIME, singlePageJuminhyo } from './pipeline.bench.js';

export interface MemoryChildReport {
  count: number;
  threads: number;
  /** RSS with modules loaded and the key ready, before any render thread exists. */
  baseRssBytes: number;
  /** RSS after every thread has started and rendered a few certificates. */
  warmRssBytes: number;
  samples: { done: number; rssBytes: number }[];
  seconds: number;
}

const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage.rss();
};

const count = Number(process.argv[2] ?? 5000);
const threads = Number(process.argv[3] ?? 2);
const identity = await benchIdentity();
const template = singlePageJuminhyo();
const doc = (n: number): CertificateDocument => {
  const header = sampleHeader('juminhyo', n % 1_000_000);
  return { ...template, issueNumber: header.issueNumber, verification: header.verification };
};
const baseRssBytes = rss();
const pool = workerPipeline({ size: threads });
await Promise.all(
  Array.from({ length: threads * 8 }, (_, i) => pool.renderAndSign(doc(i), identity, SIGNING_TIME)),
);
await new Promise((r) => setTimeout(r, 200));
const warmRssBytes = rss();

const samples: { done: number; rssBytes: number }[] = [{ done: 0, rssBytes: warmRssBytes }];
const every = Math.max(1, Math.floor(count / 20));
let issued = 0;
let done = 0;
const started = performance.now();
// Keep two jobs per thread in flight: the pool is never idle, the queue never grows.
await Promise.all(
  Array.from({ length: threads * 2 }, async () => {
    while (issued < count) {
      const n = ++issued;
      const signed = await pool.renderAndSign(doc(n), identity, SIGNING_TIME);
      if (signed.pdf.length < 1000) throw new Error('empty PDF');
      done++;
      if (done % every === 0) samples.push({ done, rssBytes: process.memoryUsage.rss() });
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await pool.close();
const report: MemoryChildReport = { count, threads, baseRssBytes, warmRssBytes, samples, seconds };
process.stdout.write(`${JSON.stringify(report)}\n`);
