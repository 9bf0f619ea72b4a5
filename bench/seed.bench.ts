/**
 * Seeding speed: a 100,000-resident town made by `seedTown` on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL (a fresh database per run, dropped after).
 * Reports medians over the runs, the rows written per second and the peak RSS
 * seen during the run, to show that memory stays flat while the town grows.
 * Run alone: `npx tsx bench/seed.bench.ts [residents] [runs]`.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { connect, type Database, type DriverKind } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { type SeedReport, seedTown } from '../src/seed/seed-town.js';
import { loadNow } from './measure.js';
import { median, round } from './stats.js';

export interface SeedRunFigures {
  seconds: number;
  residentsPerSecond: number;
  /** Rows of every registry table written per second. */
  rowsPerSecond: number;
  rows: number;
  /** Highest resident set size sampled while seeding, in MB (PGlite's in-memory database included). */
  peakRssMb: number;
  /** Resident set size after the first chunk was written, in MB: compare with the peak. */
  firstChunkRssMb: number;
  /**
   * Live JavaScript heap after the first chunk and at its highest, in MB: the
   * generator's own memory, which should stay flat however large the town
   * (PGlite keeps its in-memory database outside this heap, in RSS).
   */
  firstChunkHeapMb: number;
  peakHeapMb: number;
}

export interface SeedBenchFigures extends SeedRunFigures {
  residents: number;
  runs: number;
  /** The figures above are PGlite's; these are per driver. */
  drivers: Partial<Record<DriverKind, SeedRunFigures>>;
  report: SeedReport;
  load: number;
}

const TODAY = '2025-06-15';

async function rowCount(database: Database): Promise<number> {
  const tables = [
    'household',
    'resident',
    'resident_event',
    'koseki',
    'koseki_member',
    'koseki_event',
    'fuhyo_entry',
    'seal_registration',
    'tax_record',
    'mynumber_card',
  ] as const;
  let total = 0;
  for (const table of tables) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

async function openDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') return connect({});
  const base = process.env.DATABASE_URL!;
  const name = `madoguchi_seed_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await connect({ url: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

async function runOnce(kind: DriverKind, residents: number, seed: number) {
  const database = await openDatabase(kind);
  try {
    await migrate(database.db);
    let peak = process.memoryUsage().rss;
    let first = 0;
    let firstHeap = 0;
    let peakHeap = 0;
    const started = performance.now();
    const report = await seedTown(database.db, {
      municipalityCode: '999997',
      residents,
      seed,
      today: TODAY,
      onProgress: () => {
        const { rss, heapUsed } = process.memoryUsage();
        if (first === 0) [first, firstHeap] = [rss, heapUsed];
        peak = Math.max(peak, rss);
        peakHeap = Math.max(peakHeap, heapUsed);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const rows = await rowCount(database);
    const figures: SeedRunFigures = {
      seconds: round(seconds, 1),
      residentsPerSecond: Math.round(residents / seconds),
      rowsPerSecond: Math.round(rows / seconds),
      rows,
      peakRssMb: Math.round(peak / 2 ** 20),
      firstChunkRssMb: Math.round(first / 2 ** 20),
      firstChunkHeapMb: Math.round(firstHeap / 2 ** 20),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
    };
    return { figures, report };
  } finally {
    await database.close();
  }
}

function medianFigures(runs: SeedRunFigures[]): SeedRunFigures {
  return {
    seconds: median(runs.map((r) => r.seconds)),
    residentsPerSecond: median(runs.map((r) => r.residentsPerSecond)),
    rowsPerSecond: median(runs.map((r) => r.rowsPerSecond)),
    rows: median(runs.map((r) => r.rows)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    firstChunkRssMb: median(runs.map((r) => r.firstChunkRssMb)),
    firstChunkHeapMb: median(runs.map((r) => r.firstChunkHeapMb)),
    peakHeapMb: Math.max(...runs.map((r) => r.peakHeapMb)),
  };
}

export async function benchSeed(
  options: { residents?: number; runs?: number; seed?: number; drivers?: DriverKind[] } = {},
): Promise<SeedBenchFigures> {
  const residents = options.residents ?? 100_000;
  const runs = options.runs ?? 1;
  const seed = options.seed ?? 1;
  const kinds = options.drivers ?? (process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);
  const drivers: SeedBenchFigures['drivers'] = {};
  let report: SeedReport | undefined;
  for (const kind of kinds) {
    const results: SeedRunFigures[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await runOnce(kind, residents, seed);
      results.push(run.figures);
      report = run.report;
    }
    drivers[kind] = medianFigures(results);
  }
  const main = drivers.pglite ?? drivers.postgres!;
  return { ...main, residents, runs, drivers, report: report!, load: loadNow() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const residents = process.argv[2] ? Number(process.argv[2]) : undefined;
  const runs = process.argv[3] ? Number(process.argv[3]) : undefined;
  const figures = await benchSeed({
    ...(residents === undefined ? {} : { residents }),
    ...(runs === undefined ? {} : { runs }),
  });
  console.log(JSON.stringify(figures, null, 2));
}
