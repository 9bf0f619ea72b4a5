/**
 * Load shapes for the end-to-end benchmark. Closed loop: N clients, each
 * sends its next request when the last one is answered (throughput at a given
 * concurrency). Open loop: requests arrive on a schedule whatever the server
 * does (latency at a given arrival rate); latency counts from the scheduled
 * time, so a server that falls behind is not flattered by its own slowness.
 */
import { randomBytes } from 'node:crypto';
import type { IssuanceAnswer, IssuanceClient } from './issuance-client.js';
import { median, percentile, round } from './stats.js';

export interface LoadFigures {
  requests: number;
  /** Answers other than 200/201, by status and problem code. */
  errors: number;
  errorKinds: Record<string, number>;
  /** Completed issuances per wall-clock second. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Median size of the returned PDF. */
  pdfBytes: number;
}

export class KeyMaker {
  private readonly prefix = `bench-${randomBytes(4).toString('hex')}`;
  private n = 0;
  next() {
    return `${this.prefix}-${++this.n}`;
  }
}

function summarise(latencies: number[], answers: IssuanceAnswer[], seconds: number): LoadFigures {
  const errorKinds: Record<string, number> = {};
  let errors = 0;
  const sizes: number[] = [];
  for (const answer of answers) {
    if (answer.status === 200 || answer.status === 201) {
      sizes.push(answer.pdfBytes);
      continue;
    }
    errors++;
    const kind = `${answer.status} ${String(answer.body?.code ?? answer.error ?? '')}`.trim();
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  }
  return {
    requests: answers.length,
    errors,
    errorKinds,
    perSecond: round((answers.length - errors) / seconds, 1),
    p50Ms: round(median(latencies), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(...latencies), 1),
    pdfBytes: median(sizes),
  };
}

/** `clients` concurrent clients for `durationMs`, each a new issuance (a new key) for the next resident. */
export async function closedLoop(
  client: IssuanceClient,
  residents: readonly number[],
  options: { clients: number; durationMs: number; keys: KeyMaker },
): Promise<LoadFigures> {
  const latencies: number[] = [];
  const answers: IssuanceAnswer[] = [];
  let next = 0;
  const started = performance.now();
  const until = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < until) {
        const resident = residents[next++ % residents.length]!;
        const sent = performance.now();
        const answer = await client.issue(options.keys.next(), resident);
        latencies.push(performance.now() - sent);
        answers.push(answer);
      }
    }),
  );
  return summarise(latencies, answers, (performance.now() - started) / 1000);
}

/** A small deterministic generator, so every run sees the same arrival pattern. */
function exponentials(seed: number) {
  let state = seed >>> 0 || 1;
  return (mean: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const u = ((state >>> 0) + 1) / 4294967297;
    return -Math.log(u) * mean;
  };
}

/**
 * Poisson arrivals at `rate` per second for `durationMs`. Each request is sent
 * at its time regardless of earlier ones; those still unanswered `drainMs`
 * after the last arrival are counted as errors ("timeout").
 */
export async function openLoop(
  client: IssuanceClient,
  residents: readonly number[],
  options: { rate: number; durationMs: number; keys: KeyMaker; drainMs?: number; seed?: number },
): Promise<LoadFigures & { offeredPerSecond: number }> {
  const gap = exponentials(options.seed ?? 42);
  const meanGapMs = 1000 / options.rate;
  const schedule: number[] = [];
  for (let t = gap(meanGapMs); t < options.durationMs; t += gap(meanGapMs)) schedule.push(t);
  const latencies: number[] = [];
  const answers: IssuanceAnswer[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < schedule.length; i++) {
    const due = started + schedule[i]!;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const resident = residents[i % residents.length]!;
    inFlight.push(
      client.issue(options.keys.next(), resident).then((answer) => {
        latencies.push(performance.now() - due);
        answers.push(answer);
      }),
    );
  }
  const drain = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), options.drainMs ?? 30_000));
  await Promise.race([Promise.all(inFlight), drain]);
  const unanswered = schedule.length - answers.length;
  for (let i = 0; i < unanswered; i++) {
    answers.push({ status: 0, body: undefined, pdfBytes: 0, error: 'timeout' });
    latencies.push(options.drainMs ?? 30_000);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    ...summarise(latencies, answers, seconds),
    offeredPerSecond: round(schedule.length / (options.durationMs / 1000), 1),
  };
}
