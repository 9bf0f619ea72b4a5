/**
 * The targets, judged on the figures of one run. A target whose
 * figures were not measured (section skipped or failed) is `met: undefined`,
 * never "met".
 */
import type { BenchResults } from './run.js';
import { round } from './stats.js';

export interface TargetResult {
  name: string;
  target: string;
  measured: string;
  met: boolean | undefined;
}

const SINGLE_PAGE_JUMINHYO = 'juminhyo (1 person, 1 page)';
const KIB = 1024;
const MIB = 1024 * 1024;

export function evaluateTargets(results: BenchResults): TargetResult[] {
  const targets: TargetResult[] = [];
  const add = (name: string, target: string, measured: string | undefined, met: boolean | undefined) =>
    targets.push({
      name,
      target,
      measured: measured ?? 'not measured',
      met: measured === undefined ? undefined : met,
    });

  const pipeline = results.pipeline;
  const single = pipeline?.oneCore[SINGLE_PAGE_JUMINHYO];
  add(
    'signed single-page certificates per second, this machine (worker pool, wall clock)',
    '≥ 250/s',
    pipeline ? `${pipeline.pool.perSecond}/s on ${pipeline.pool.threads} threads` : undefined,
    pipeline ? pipeline.pool.perSecond >= 250 : undefined,
  );
  add(
    'signed single-page certificates per second, one core (CPU time)',
    '≥ 250/s',
    single ? `${single.perCpuSecond}/cpu-s (${single.perSecond}/s wall)` : undefined,
    single ? single.perCpuSecond >= 250 : undefined,
  );

  const chromium = results.chromium && !('skipped' in results.chromium) ? results.chromium : undefined;
  if (chromium && single) {
    const wall = chromium.medianMs / single.medianMs;
    const cpu = single.perCpuSecond / chromium.perCpuSecond;
    add(
      'faster than headless Chromium (same 住民票, both signed)',
      '≥ 5×',
      `${round(wall, 1)}× wall clock, ${round(cpu, 1)}× CPU time${chromium.japaneseFontEmbedded ? '' : ' (Chromium did NOT embed the Japanese font: not comparable)'}`,
      chromium.japaneseFontEmbedded && wall >= 5 && cpu >= 5,
    );
  } else add('faster than headless Chromium', '≥ 5×', undefined, undefined);

  const singlePages = pipeline ? Object.entries(pipeline.oneCore).filter(([, r]) => r.pages === 1) : [];
  const largest = singlePages.sort((a, b) => b[1].bytes - a[1].bytes)[0];
  add(
    'single-page signed PDF size (largest kind)',
    '≤ 60 KiB',
    largest ? `${round(largest[1].bytes / KIB, 1)} KiB (${largest[0]})` : undefined,
    largest ? largest[1].bytes <= 60 * KIB : undefined,
  );

  for (const driver of ['postgres', 'pglite'] as const) {
    const e2e = results.e2e?.[driver];
    const figures = e2e && !('failed' in e2e) ? e2e : undefined;
    const open = figures?.open;
    add(
      `latency at 100 arrivals/s on ${driver}`,
      'p50 ≤ 15 ms, p99 ≤ 50 ms, no errors',
      open
        ? `p50 ${open.p50Ms} ms, p99 ${open.p99Ms} ms, ${open.errors} errors of ${open.requests}`
        : undefined,
      open ? open.p50Ms <= 15 && open.p99Ms <= 50 && open.errors === 0 : undefined,
    );
    const orders = figures?.openOrders;
    if (orders)
      add(
        `latency at 100 arrivals/s on ${driver}, orders alone (card sessions already open)`,
        'p50 ≤ 15 ms, p99 ≤ 50 ms, no errors',
        `p50 ${orders.p50Ms} ms, p99 ${orders.p99Ms} ms, ${orders.errors} errors of ${orders.requests}`,
        orders.p50Ms <= 15 && orders.p99Ms <= 50 && orders.errors === 0,
      );
    if (driver === 'postgres') {
      const level = figures?.closed.find((l) => l.clients === 64);
      add(
        '64 concurrent clients on PostgreSQL',
        'no errors, p99 ≤ 4 × p50',
        level
          ? `${level.errors} errors, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms (${round(level.p99Ms / level.p50Ms, 2)}×)`
          : undefined,
        level ? level.errors === 0 && level.p99Ms <= 4 * level.p50Ms : undefined,
      );
    }
  }

  const memory = results.soak ?? results.memory;
  const soak = results.soak ?? results.lastSoak?.figures;
  const soakWhen = results.soak
    ? 'this run'
    : results.lastSoak
      ? `--soak run of ${results.lastSoak.measuredAt}`
      : '';
  const peaks = [results.memory, soak].filter((m): m is NonNullable<typeof m> => m !== undefined);
  const worst = peaks.sort((a, b) => b.perWorkerPeakMiB - a.perWorkerPeakMiB)[0];
  add(
    'memory per render thread (at peak)',
    '≤ 250 MiB',
    worst
      ? `${worst.perWorkerPeakMiB} MiB (${worst.count} certificates, ${worst.threads} threads)`
      : undefined,
    worst ? worst.perWorkerPeakMiB <= 250 : undefined,
  );
  // A few thousand certificates are still the pool's warm-up (the heaps grow to their working size
  // over the first ~5,000); only the long run can say whether memory is flat.
  add(
    'memory flat over many certificates',
    'no growth after warm-up (100,000 render+sign)',
    soak
      ? `${soak.growthMiBPer10k} MiB per 10,000 over ${soak.count} (${soakWhen}); RSS ${soak.afterFifthMiB} → ${soak.endMiB} MiB, max ${soak.maxMiB}`
      : memory
        ? `not measured: ${memory.count} is warm-up only; run npm run bench -- --soak`
        : undefined,
    soak ? soak.flat : undefined,
  );
  const server = results.e2e?.postgres;
  if (server && !('failed' in server))
    add(
      'server process peak RSS during the PostgreSQL run',
      `≤ 250 MiB per render thread (+ main thread)`,
      `${round(server.memory.peakRssBytes / MIB, 1)} MiB for ${server.renderWorkers} render threads`,
      server.memory.peakRssBytes <= (server.renderWorkers + 1) * 250 * MIB,
    );
  return targets;
}
