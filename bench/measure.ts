/**
 * Measuring on a shared two-core machine: wall-clock times suffer from every
 * other process, CPU time much less. Loops here report both, so a figure can be
 * read as "what a caller waited" and as "what one core can do".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { median, percentile, round } from './stats.js';

export interface LoopFigures {
  runs: number;
  /** Median wall-clock milliseconds per iteration. */
  medianMs: number;
  p95Ms: number;
  /** Iterations per wall-clock second, from the median. */
  perSecond: number;
  /** CPU milliseconds (all threads of this process) per iteration, over the whole loop. */
  cpuMsPerRun: number;
  /** Iterations per CPU second: what one core does when nothing else runs on it. */
  perCpuSecond: number;
}

export const cpuMsNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured, one after another. */
export async function measureLoop(runs: number, fn: () => unknown, warmup = 5): Promise<LoopFigures> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const cpuStart = cpuMsNow();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const cpuMs = (cpuMsNow() - cpuStart) / runs;
  const ms = median(samples);
  return {
    runs,
    medianMs: round(ms, 3),
    p95Ms: round(percentile(samples, 95), 3),
    perSecond: round(1000 / ms, 1),
    cpuMsPerRun: round(cpuMs, 3),
    perCpuSecond: round(1000 / cpuMs, 1),
  };
}

/** Median of each numeric field over several repetitions of a measurement. */
export function medianOf<T extends object>(results: readonly T[]): T {
  const first = results[0];
  if (!first) throw new Error('no results');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first))
    out[key] =
      typeof value === 'number' ? median(results.map((r) => (r as Record<string, number>)[key]!)) : value;
  return out as T;
}

/** utime + stime of a process in milliseconds, from /proc (Linux); undefined when it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A process and all its descendants (Chromium's browser, zygotes, renderers, utilities). */
export function processTree(root: number): number[] {
  const all: number[] = [];
  let level = [root];
  while (level.length) {
    all.push(...level);
    level = level.flatMap((pid) => {
      try {
        return readdirSync(`/proc/${pid}/task`).flatMap((task) => {
          const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
          return text ? text.split(/\s+/).map(Number) : [];
        });
      } catch {
        return [];
      }
    });
  }
  return all;
}

export function treeCpuMs(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
}

/** The one-minute load average, to read the other figures by: above ~2 the two cores were shared. */
export const loadNow = () => round(loadavg()[0]!, 2);
