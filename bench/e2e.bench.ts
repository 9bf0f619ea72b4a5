/**
 * End to end: a real server process (`npx tsx src/cli.ts serve`) on PGlite or
 * on PostgreSQL, driven over loopback HTTP. Every request is a new issuance —
 * HTTP, engine checks, fee, number, render, signature, commit — answered with
 * the signed PDF. Figures: issuances per second and latency percentiles at 1,
 * 16 and 64 concurrent clients (median of several runs), latency at a Poisson
 * arrival rate of 100/s, peak memory and CPU of the server process.
 * Run alone: `npx tsx bench/e2e.bench.ts [pglite|postgres]`.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { seedTown } from '../src/seed/seed-town.js';
import {
  channelOpenNow,
  DEMO_MUNICIPALITY,
  eligibleResidents,
  internalApiClient,
} from './issuance-client.js';
import { closedLoop, KeyMaker, type LoadFigures, openLoop } from './load.js';
import { loadNow, processCpuMs } from './measure.js';
import { createScratchDatabase, removeDataDir, type ServerProcess, startServer } from './server-process.js';
import { round } from './stats.js';

export type Driver = 'pglite' | 'postgres';

export interface ClosedLevel extends LoadFigures {
  clients: number;
  /** Server process CPU per completed issuance (all its threads). */
  serverCpuMsPerIssuance: number;
  /** Each run's issuances per second, whose median is `perSecond`. */
  runs: number[];
}

export interface EndToEndFigures {
  driver: Driver;
  channel: 'kiosk' | 'counter';
  renderWorkers: number;
  startupMs: number;
  closed: ClosedLevel[];
  open: (LoadFigures & { offeredPerSecond: number; rate: number }) | undefined;
  memory: { idleRssBytes: number; peakRssBytes: number; endRssBytes: number };
  load: number;
}

export interface EndToEndOptions {
  driver: Driver;
  /** Base URL of the PostgreSQL server (a scratch database is made there). */
  postgresUrl?: string;
  levels?: number[];
  durationMs?: number;
  repeats?: number;
  openRate?: number;
  openDurationMs?: number;
  residents?: number;
  renderWorkers?: number;
  log?: (line: string) => void;
}

/** Seeds the town before the server starts, so the benchmark knows whom to ask for. */
async function prepareDatabase(driver: Driver, postgresUrl: string | undefined, residents: number) {
  const scratch = driver === 'postgres' ? await createScratchDatabase(postgresUrl!) : undefined;
  const dataDir = driver === 'pglite' ? mkdtempSync(join(tmpdir(), 'madoguchi-bench-')) : undefined;
  const database = await connect(scratch ? { url: scratch.url } : { dataDir: `${dataDir}/pglite` });
  try {
    await migrate(database.db);
    await seedTown(database.db, { municipalityCode: DEMO_MUNICIPALITY, residents, seed: 1 });
    const ids = await eligibleResidents(database.db, 1000);
    return { scratch, dataDir, ids };
  } finally {
    await database.close();
  }
}

async function withServerCpu<T>(server: ServerProcess, work: () => Promise<T>) {
  const pid = server.serverPid();
  const before = pid ? (processCpuMs(pid) ?? 0) : 0;
  const result = await work();
  const after = pid ? (processCpuMs(pid) ?? before) : before;
  return { result, cpuMs: after - before };
}

export async function benchEndToEnd(options: EndToEndOptions): Promise<EndToEndFigures> {
  const log = options.log ?? (() => {});
  const levels = options.levels ?? [1, 16, 64];
  const durationMs = options.durationMs ?? 4000;
  const repeats = options.repeats ?? 3;
  const prepared = await prepareDatabase(options.driver, options.postgresUrl, options.residents ?? 300);
  const started = performance.now();
  const server = await startServer({
    ...(prepared.scratch ? { databaseUrl: prepared.scratch.url } : {}),
    ...(prepared.dataDir ? { dataDir: prepared.dataDir } : {}),
    ...(options.renderWorkers !== undefined ? { renderWorkers: options.renderWorkers } : {}),
  });
  const sampler = { peak: 0, timer: undefined as NodeJS.Timeout | undefined };
  const channel = channelOpenNow();
  const client = internalApiClient({
    baseUrl: server.baseUrl,
    token: server.token,
    channel,
    maxSockets: 256,
  });
  try {
    await server.ready();
    const startupMs = round(performance.now() - started, 0);
    const idleRssBytes = server.rssBytes() ?? 0;
    sampler.timer = setInterval(() => {
      sampler.peak = Math.max(sampler.peak, server.rssBytes() ?? 0);
    }, 100);
    const keys = new KeyMaker();
    // Warm-up: JIT, every render thread's fonts, the pool's connections.
    await closedLoop(client, prepared.ids, { clients: 4, durationMs: 2500, keys });

    const closed: ClosedLevel[] = [];
    for (const clients of levels) {
      const runs: { figures: LoadFigures; cpuMs: number }[] = [];
      for (let r = 0; r < repeats; r++) {
        const { result, cpuMs } = await withServerCpu(server, () =>
          closedLoop(client, prepared.ids, { clients, durationMs, keys }),
        );
        runs.push({ figures: result, cpuMs });
      }
      const byRate = [...runs].sort((a, b) => a.figures.perSecond - b.figures.perSecond);
      const mid = byRate[Math.floor(byRate.length / 2)]!;
      const completed = mid.figures.requests - mid.figures.errors;
      closed.push({
        clients,
        ...mid.figures,
        errors: runs.reduce((sum, run) => sum + run.figures.errors, 0),
        serverCpuMsPerIssuance: round(completed ? mid.cpuMs / completed : Number.NaN, 2),
        runs: runs.map((run) => run.figures.perSecond),
      });
      log(
        `  ${options.driver} ${clients} clients: ${mid.figures.perSecond}/s p50 ${mid.figures.p50Ms} ms p99 ${mid.figures.p99Ms} ms`,
      );
    }

    let open: EndToEndFigures['open'];
    if (options.openRate) {
      const figures = await openLoop(client, prepared.ids, {
        rate: options.openRate,
        durationMs: options.openDurationMs ?? 10_000,
        keys,
      });
      open = { ...figures, rate: options.openRate };
      log(
        `  ${options.driver} open loop ${options.openRate}/s: p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms`,
      );
    }
    return {
      driver: options.driver,
      channel,
      renderWorkers: options.renderWorkers ?? availableParallelism(),
      startupMs,
      closed,
      open,
      memory: {
        idleRssBytes,
        peakRssBytes: Math.max(sampler.peak, server.peakRssBytes() ?? 0),
        endRssBytes: server.rssBytes() ?? 0,
      },
      load: loadNow(),
    };
  } finally {
    if (sampler.timer) clearInterval(sampler.timer);
    client.close();
    await server.stop();
    if (prepared.dataDir) removeDataDir(prepared.dataDir);
    await prepared.scratch?.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const driver = (process.argv[2] ?? 'pglite') as Driver;
  const figures = await benchEndToEnd({
    driver,
    postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    openRate: 100,
    log: console.log,
  });
  console.log(JSON.stringify(figures, null, 2));
}
