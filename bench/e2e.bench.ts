/**
 * End to end: a real server process (`npx tsx src/cli.ts serve`) on PGlite or
 * on PostgreSQL, driven over loopback HTTP. Every issuance is what a
 * convenience-store kiosk does for a resident (path `kiosk-card`, see
 * kioskClient): card authentication by challenge and the card's signature
 * after the PIN, then the order with the cash paid and an idempotency key —
 * engine checks, fee, number, render, signature, commit — answered with the
 * signed PDF, then the print report and the end of the card session, every
 * request signed by a registered kiosk. Figures: issuances per second and
 * latency percentiles at 1, 16 and 64 concurrent kiosks (median of several
 * runs), latency at a Poisson arrival rate of 100/s, the steps of the kiosk
 * transaction, peak memory and CPU of the server process (and of the
 * benchmark's own process, which shares the machine).
 * Run alone: `npx tsx bench/e2e.bench.ts [pglite|postgres] [--internal] [--virtual-cards] [--quick] [--residents=N]`.
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
  type IssuanceClient,
  internalApiClient,
  type KioskIssuanceClient,
  type KioskPhaseFigures,
  kioskClient,
} from './issuance-client.js';
import {
  type CardKind,
  type KioskFleet,
  type KioskHours,
  kioskHoursForRun,
  prepareKioskFleet,
} from './kiosk-fleet.js';
import { closedLoop, KeyMaker, type LoadFigures, openLoop } from './load.js';
import { loadNow, processCpuMs } from './measure.js';
import { createScratchDatabase, removeDataDir, type ServerProcess, startServer } from './server-process.js';
import { round } from './stats.js';

export type Driver = 'pglite' | 'postgres';

/**
 * How issuances reach the server: `kiosk-card` as a kiosk does (card
 * authentication, signed kiosk requests, /api/v1/kiosk); `internal-api`
 * through the engine's internal API (/internal/v1/issuances), as the crash
 * test does.
 */
export type EndToEndPath = 'kiosk-card' | 'internal-api';

/** Card sessions the order-arrival loop spreads its orders over, each at its own kiosk. */
const ORDER_SESSIONS = 128;

/** The seed of the bench town: its cards' keys and the demo JPKI CA derive from it. */
const TOWN_SEED = 1;

export interface ClosedLevel extends LoadFigures {
  clients: number;
  /** Server process CPU per completed issuance (all its threads). */
  serverCpuMsPerIssuance: number;
  /** The benchmark process's own CPU per completed issuance (kiosks and cards; it shares the machine). */
  clientCpuMsPerIssuance?: number;
  /** Kiosk path: the steps of the median run. */
  phases?: KioskPhaseFigures;
  /** Each run's issuances per second, whose median is `perSecond`. */
  runs: number[];
}

export interface KioskSetup {
  /** Registered kiosks in the pool; each issuance takes a free one. */
  kiosks: number;
  /** Card holders whose cards the client holds (the residents asked for). */
  cards: number;
  cardKind: CardKind;
  /** Milliseconds spent making the cards before the run. */
  cardSetupMs: number;
  /** Fee paid per issuance (yen), as the server quoted it. */
  paidAmount: number | undefined;
  /** Authentications of the most and least used card over the whole run (limit: 10 an hour). */
  cardUses: { max: number; min: number };
  hours: KioskHours;
}

export interface EndToEndFigures {
  driver: Driver;
  /** How issuances reached the server (absent in results written before the kiosk path). */
  path: EndToEndPath;
  /** Why this path ran, when it is not the one asked for. */
  pathNote?: string;
  channel: 'kiosk' | 'counter';
  kiosk?: KioskSetup;
  renderWorkers: number;
  startupMs: number;
  closed: ClosedLevel[];
  open:
    | (LoadFigures & {
        offeredPerSecond: number;
        rate: number;
        clientCpuMsPerIssuance?: number;
        phases?: KioskPhaseFigures;
      })
    | undefined;
  /**
   * Kiosk path: orders alone (POST /issuances: engine, number, render, sign,
   * commit, the PDF answered) arriving at `rate`, on card sessions opened
   * before; what a resident who has authenticated waits for.
   */
  openOrders?: LoadFigures & { offeredPerSecond: number; rate: number; sessions: number };
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
  /** Default `kiosk-card`. */
  path?: EndToEndPath;
  /** Kiosks registered for the pool (default 512: the per-kiosk limit is one request a second). */
  kiosks?: number;
  /** Default `chip`; `virtual-file` signs with the demo's scrypt-protected card files. */
  cardKind?: CardKind;
  /**
   * Outside kiosk hours (6:30–23:00 Tokyo): `extend` (default) has the bench
   * town's administrator open its kiosks all day and still runs the kiosk path;
   * `fallback` runs the internal API on the counter channel instead.
   */
  outsideHours?: 'extend' | 'fallback';
  log?: (line: string) => void;
}

/**
 * Seeds the town before the server starts, so the benchmark knows whom to ask
 * for; for the kiosk path also registers the kiosks, makes the card holders'
 * cards and settles the kiosk hours of the run.
 */
async function prepareDatabase(
  driver: Driver,
  postgresUrl: string | undefined,
  residents: number,
  kiosk:
    | { kiosks: number; cardKind: CardKind; outsideHours: 'extend' | 'fallback'; runMs: number }
    | undefined,
) {
  const scratch = driver === 'postgres' ? await createScratchDatabase(postgresUrl!) : undefined;
  const dataDir = driver === 'pglite' ? mkdtempSync(join(tmpdir(), 'madoguchi-bench-')) : undefined;
  const database = await connect(scratch ? { url: scratch.url } : { dataDir: `${dataDir}/pglite` });
  try {
    await migrate(database.db);
    await seedTown(database.db, { municipalityCode: DEMO_MUNICIPALITY, residents, seed: TOWN_SEED });
    if (kiosk) {
      const openNow =
        channelOpenNow() === 'kiosk' && channelOpenNow(new Date(Date.now() + kiosk.runMs)) === 'kiosk';
      if (openNow || kiosk.outsideHours === 'extend') {
        const hours = await kioskHoursForRun(database.db, DEMO_MUNICIPALITY, kiosk.runMs);
        const fleet = await prepareKioskFleet(database.db, {
          municipalityCode: DEMO_MUNICIPALITY,
          seed: TOWN_SEED,
          kiosks: kiosk.kiosks,
          maxCards: residents,
          cardKind: kiosk.cardKind,
        });
        return { scratch, dataDir, ids: fleet.cards.map((c) => c.residentId), fleet, hours };
      }
    }
    const ids = await eligibleResidents(database.db, 1000);
    return { scratch, dataDir, ids, fleet: undefined, hours: undefined };
  } finally {
    await database.close();
  }
}

/**
 * The residents list for the next loop: it starts where the last loop left
 * off, so over the whole run every card is used about equally (the load
 * drivers start at the head of the list they are given).
 */
class Rotation {
  private offset = 0;
  constructor(private readonly ids: readonly number[]) {}
  next(): number[] {
    const at = this.offset % this.ids.length;
    return [...this.ids.slice(at), ...this.ids.slice(0, at)];
  }
  advance(requests: number) {
    this.offset += requests;
  }
}

function clientCpuMs(since: NodeJS.CpuUsage) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
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
  const wanted: EndToEndPath = options.path ?? 'kiosk-card';
  const openDurationMs = options.openDurationMs ?? 10_000;
  // Start-up, warm-up, the closed loops, the two open loops and their drains, with room to spare.
  const runMs =
    120_000 + levels.length * repeats * durationMs + (options.openRate ? 2 * (openDurationMs + 30_000) : 0);
  const prepared = await prepareDatabase(
    options.driver,
    options.postgresUrl,
    // A card authenticates 10 times an hour: enough card holders that no card is asked more.
    options.residents ?? (wanted === 'kiosk-card' ? 1000 : 300),
    wanted === 'kiosk-card'
      ? {
          kiosks: options.kiosks ?? 512,
          cardKind: options.cardKind ?? 'chip',
          outsideHours: options.outsideHours ?? 'extend',
          runMs,
        }
      : undefined,
  );
  const fleet: KioskFleet | undefined = prepared.fleet;
  const path: EndToEndPath = fleet ? 'kiosk-card' : 'internal-api';
  const pathNote =
    path === wanted
      ? undefined
      : `outside kiosk hours (6:30–23:00 Tokyo): the internal API on the counter channel ran instead`;
  if (pathNote) log(`  ${options.driver}: ${pathNote}`);
  if (fleet && prepared.hours)
    log(
      `  ${options.driver}: kiosk path, ${fleet.kiosks.length} kiosks, ${fleet.cards.length} cards (${fleet.cardKind}, made in ${fleet.cardSetupMs} ms); ${prepared.hours.note}`,
    );
  if (!prepared.ids.length) throw new Error('no resident to ask for: the town has no eligible card holder');
  const started = performance.now();
  const server = await startServer({
    ...(prepared.scratch ? { databaseUrl: prepared.scratch.url } : {}),
    ...(prepared.dataDir ? { dataDir: prepared.dataDir } : {}),
    ...(options.renderWorkers !== undefined ? { renderWorkers: options.renderWorkers } : {}),
  });
  const sampler = { peak: 0, timer: undefined as NodeJS.Timeout | undefined };
  const channel = fleet ? 'kiosk' : channelOpenNow();
  const kiosk: KioskIssuanceClient | undefined = fleet
    ? kioskClient({
        baseUrl: server.baseUrl,
        kiosks: fleet.kiosks,
        cards: new Map(fleet.cards.map((card) => [card.residentId, card.reader])),
        pin: fleet.pin,
        maxSockets: 256,
      })
    : undefined;
  const client: IssuanceClient =
    kiosk ??
    internalApiClient({
      baseUrl: server.baseUrl,
      token: server.token,
      channel,
      maxSockets: 256,
    });
  const rotation = new Rotation(prepared.ids);
  try {
    await server.ready();
    const startupMs = round(performance.now() - started, 0);
    const idleRssBytes = server.rssBytes() ?? 0;
    sampler.timer = setInterval(() => {
      sampler.peak = Math.max(sampler.peak, server.rssBytes() ?? 0);
    }, 100);
    const keys = new KeyMaker();
    // Warm-up: JIT, every render thread's fonts, the pool's connections.
    const warm = await closedLoop(client, rotation.next(), { clients: 4, durationMs: 2500, keys });
    rotation.advance(warm.requests);
    if (warm.errors) log(`  ${options.driver} warm-up errors: ${JSON.stringify(warm.errorKinds)}`);
    kiosk?.takePhases();

    const closed: ClosedLevel[] = [];
    for (const clients of levels) {
      const runs: { figures: LoadFigures; cpuMs: number; clientMs: number; phases?: KioskPhaseFigures }[] =
        [];
      for (let r = 0; r < repeats; r++) {
        const clientStart = process.cpuUsage();
        const { result, cpuMs } = await withServerCpu(server, () =>
          closedLoop(client, rotation.next(), { clients, durationMs, keys }),
        );
        const clientMs = clientCpuMs(clientStart);
        rotation.advance(result.requests);
        runs.push({ figures: result, cpuMs, clientMs, ...(kiosk ? { phases: kiosk.takePhases() } : {}) });
      }
      const byRate = [...runs].sort((a, b) => a.figures.perSecond - b.figures.perSecond);
      const mid = byRate[Math.floor(byRate.length / 2)]!;
      const completed = mid.figures.requests - mid.figures.errors;
      const errorKinds: Record<string, number> = {};
      for (const run of runs)
        for (const [kind, n] of Object.entries(run.figures.errorKinds))
          errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
      closed.push({
        clients,
        ...mid.figures,
        errors: runs.reduce((sum, run) => sum + run.figures.errors, 0),
        errorKinds,
        serverCpuMsPerIssuance: round(completed ? mid.cpuMs / completed : Number.NaN, 2),
        clientCpuMsPerIssuance: round(completed ? mid.clientMs / completed : Number.NaN, 2),
        ...(mid.phases ? { phases: mid.phases } : {}),
        runs: runs.map((run) => run.figures.perSecond),
      });
      log(
        `  ${options.driver} ${clients} clients: ${mid.figures.perSecond}/s p50 ${mid.figures.p50Ms} ms p99 ${mid.figures.p99Ms} ms, errors ${closed.at(-1)!.errors}`,
      );
    }

    // The engine's issuance request alone, as arrivals: card sessions opened
    // ahead (residents who have authenticated), orders sent on schedule.
    let openOrders: EndToEndFigures['openOrders'];
    if (options.openRate && kiosk && fleet) {
      const issuer = await kiosk.openSessions(
        ORDER_SESSIONS,
        fleet.cards.map((card) => card.residentId),
      );
      try {
        const figures = await openLoop(issuer, prepared.ids, {
          rate: options.openRate,
          durationMs: openDurationMs,
          keys,
        });
        openOrders = { ...figures, rate: options.openRate, sessions: issuer.sessions };
        log(
          `  ${options.driver} orders at ${options.openRate}/s on ${issuer.sessions} open card sessions: p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms, errors ${figures.errors}`,
        );
      } finally {
        await issuer.end();
      }
    }

    let open: EndToEndFigures['open'];
    if (options.openRate) {
      const clientStart = process.cpuUsage();
      const figures = await openLoop(client, rotation.next(), {
        rate: options.openRate,
        durationMs: openDurationMs,
        keys,
      });
      const clientMs = clientCpuMs(clientStart);
      rotation.advance(figures.requests);
      const completed = figures.requests - figures.errors;
      open = {
        ...figures,
        rate: options.openRate,
        clientCpuMsPerIssuance: round(completed ? clientMs / completed : Number.NaN, 2),
        ...(kiosk ? { phases: kiosk.takePhases() } : {}),
      };
      log(
        `  ${options.driver} open loop ${options.openRate}/s: p50 ${figures.p50Ms} ms p99 ${figures.p99Ms} ms, errors ${figures.errors}`,
      );
    }
    return {
      driver: options.driver,
      path,
      ...(pathNote ? { pathNote } : {}),
      channel,
      ...(fleet && kiosk && prepared.hours
        ? {
            kiosk: {
              kiosks: fleet.kiosks.length,
              cards: fleet.cards.length,
              cardKind: fleet.cardKind,
              cardSetupMs: fleet.cardSetupMs,
              paidAmount: kiosk.paidAmount(),
              cardUses: kiosk.cardUses(),
              hours: prepared.hours,
            },
          }
        : {}),
      renderWorkers: options.renderWorkers ?? availableParallelism(),
      startupMs,
      closed,
      open,
      ...(openOrders ? { openOrders } : {}),
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
    fleet?.dispose();
    if (prepared.dataDir) removeDataDir(prepared.dataDir);
    await prepared.scratch?.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const driver = (process.argv[2] ?? 'pglite') as Driver;
  const flags = process.argv.slice(3);
  const residents = flags.find((flag) => flag.startsWith('--residents='))?.slice('--residents='.length);
  const figures = await benchEndToEnd({
    driver,
    ...(flags.includes('--internal') ? { path: 'internal-api' as const } : {}),
    ...(flags.includes('--virtual-cards') ? { cardKind: 'virtual-file' as const } : {}),
    ...(flags.includes('--quick') ? { durationMs: 1500, repeats: 1, openDurationMs: 3000 } : {}),
    ...(residents ? { residents: Number(residents) } : {}),
    postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    openRate: 100,
    log: console.log,
  });
  console.log(JSON.stringify(figures, null, 2));
}
