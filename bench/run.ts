/**
 * `npm run bench`: every benchmark of madoguchi in one run on this machine,
 * a readable table on stdout, everything in bench/results.json, and each
 * target of the issue marked met or not met.
 *
 *   npm run bench                    the default run (under ten minutes on two cores)
 *   npm run bench -- --soak          also render + sign 100,000 certificates, watching memory
 *   npm run bench -- --quick         fewer and shorter runs (a smoke test of the harness)
 *   npm run bench -- --only=e2e,chromium   some sections only (signing, render, pipeline,
 *                                    chromium, e2e, memory, town)
 *   npm run bench -- --fresh-town    rebuild the kept 100,000-resident search town
 *   npm run bench -- --e2e-internal  end to end through the internal API instead of as kiosks
 *   npm run bench -- --e2e-counter-after-hours   outside kiosk hours, the internal API on the
 *                                    counter channel instead of opening the bench town's kiosks all day
 *
 * PostgreSQL is DATABASE_URL, or the local server at 127.0.0.1:5432 when it answers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchChromium, type ChromiumFigures } from './chromium.bench.js';
import { benchEndToEnd, type EndToEndFigures } from './e2e.bench.js';
import { loadNow } from './measure.js';
import { benchMemory, type MemoryFigures } from './memory.bench.js';
import { benchIdentity, benchPipeline, type PipelineFigures } from './pipeline.bench.js';
import { benchRender, type RenderBenchResult } from './render.bench.js';
import { benchSigning } from './signing.bench.js';
import { round } from './stats.js';
import { evaluateTargets, type TargetResult } from './targets.js';
import { benchTown, type TownFigures } from './town.bench.js';

/** What --soak keeps in bench/soak.json, so the default run can report the long run too. */
export interface SoakRecord {
  measuredAt: string;
  command: string;
  figures: MemoryFigures;
}

const SOAK_FILE = fileURLToPath(new URL('./soak.json', import.meta.url));

export const SECTIONS = ['signing', 'render', 'pipeline', 'chromium', 'e2e', 'memory', 'town'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchResults {
  command: string;
  startedAt: string;
  seconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    /** One-minute load average at the start and end: above ~2, other work shared the cores. */
    loadAtStart: number;
    loadAtEnd: number;
  };
  /** Wall-clock seconds per section (e2e per driver). */
  sectionSeconds: Record<string, number>;
  signing?: Record<string, number>;
  render?: Record<string, RenderBenchResult>;
  pipeline?: PipelineFigures;
  chromium?: ChromiumFigures | { skipped: string };
  e2e?: Partial<Record<'pglite' | 'postgres', EndToEndFigures | { failed: string }>>;
  memory?: MemoryFigures;
  soak?: MemoryFigures;
  /** The last --soak run (bench/soak.json), when this run had none. */
  lastSoak?: SoakRecord;
  town?: TownFigures | { failed: string };
  targets: TargetResult[];
}

function parseArgs(argv: string[]) {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const sections = only ? (only.split(',').filter(Boolean) as Section[]) : [...SECTIONS];
  for (const section of sections)
    if (!SECTIONS.includes(section))
      throw new Error(`unknown section ${section}; known: ${SECTIONS.join(', ')}`);
  return {
    sections: new Set(sections),
    soak: argv.includes('--soak'),
    quick: argv.includes('--quick'),
    freshTown: argv.includes('--fresh-town'),
    e2eInternal: argv.includes('--e2e-internal'),
    e2eCounterAfterHours: argv.includes('--e2e-counter-after-hours'),
  };
}

/** DATABASE_URL, else the local server when it answers; undefined means PGlite only. */
async function findPostgres(): Promise<string | undefined> {
  const candidate = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return candidate;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const mib = (bytes: number) => `${round(bytes / 2 ** 20, 1)} MiB`;
const pad = (text: unknown, width: number) => String(text).padStart(width);
const line = (cells: [unknown, number][], first = 34) =>
  cells.map(([text, width], i) => (i === 0 ? String(text).padEnd(first) : pad(text, width))).join(' ');

function printTable(results: BenchResults) {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `madoguchi benchmarks — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; load ${m.loadAtStart} → ${m.loadAtEnd}; ${results.seconds} s`,
  );
  if (results.pipeline) {
    out.push('', 'Render + sign (one core, main thread; median of runs)');
    out.push(
      line([
        ['kind', 0],
        ['PDF/s', 8],
        ['PDF/cpu-s', 10],
        ['ms', 8],
        ['bytes', 8],
        ['KiB', 6],
        ['pages', 5],
      ]),
    );
    for (const [kind, r] of Object.entries(results.pipeline.oneCore))
      out.push(
        line([
          [kind, 0],
          [r.perSecond, 8],
          [r.perCpuSecond, 10],
          [r.medianMs, 8],
          [r.bytes, 8],
          [round(r.bytes / 1024, 1), 6],
          [r.pages, 5],
        ]),
      );
    const pool = results.pipeline.pool;
    out.push(
      `pool of ${pool.threads} threads: ${pool.perSecond} signed single-page PDFs/s (${pool.cpuMsPerPdf} CPU ms each; median of ${pool.rounds} batches of ${pool.jobs}, after one warm-up batch)`,
    );
  }
  if (results.render) {
    out.push('', 'Render only (bench/render.bench.ts, unsigned)');
    out.push(
      line([
        ['kind', 0],
        ['PDF/s', 8],
        ['ms', 8],
        ['bytes', 8],
        ['pages', 5],
      ]),
    );
    for (const [kind, r] of Object.entries(results.render))
      out.push(
        line([
          [kind, 0],
          [r.pdfsPerSecond, 8],
          [r.medianMs, 8],
          [r.bytesPerPdf, 8],
          [r.pages, 5],
        ]),
      );
  }
  if (results.chromium) {
    out.push(
      '',
      'Chromium baseline (same single-page 住民票 as HTML, page.pdf() on a warm page, signed the same way)',
    );
    const c = results.chromium;
    if ('skipped' in c) out.push(`  skipped: ${c.skipped}`);
    else {
      const mine = results.pipeline?.oneCore['juminhyo (1 person, 1 page)'];
      out.push(
        `  Chromium ${c.chromiumVersion}: ${c.perSecond} PDF/s (${c.medianMs} ms), ${c.perCpuSecond} PDF/cpu-s (${c.chromiumCpuMsPerRun} ms Chromium + ${c.nodeCpuMsPerRun} ms Node), ${c.bytes} bytes`,
      );
      out.push(
        `  fonts embedded: ${c.fonts.join(', ')} — Japanese font ${c.japaneseFontEmbedded ? 'embedded' : 'MISSING'}`,
      );
      if (mine)
        out.push(
          `  madoguchi is ${round(c.medianMs / mine.medianMs, 1)}× faster by wall clock, ${round(mine.perCpuSecond / c.perCpuSecond, 1)}× by CPU time`,
        );
    }
  }
  if (results.signing) {
    out.push('', 'Signing (bench/signing.bench.ts, ms)');
    for (const [name, value] of Object.entries(results.signing))
      out.push(`  ${name.padEnd(36)} ${round(value, 3)}`);
  }
  if (results.e2e) {
    for (const [driver, figures] of Object.entries(results.e2e)) {
      out.push('', `End to end over HTTP on ${driver}`);
      if (!figures) continue;
      if ('failed' in figures) {
        out.push(`  failed: ${figures.failed}`);
        continue;
      }
      const path = figures.path ?? 'internal-api';
      out.push(
        `  path ${path} (${path === 'kiosk-card' ? 'card challenge + PIN signature, signed kiosk requests, POST /api/v1/kiosk/issuances, print report, session end' : 'POST /internal/v1/issuances'}), channel ${figures.channel}, ${figures.renderWorkers} render threads, ready in ${figures.startupMs} ms`,
      );
      if (figures.pathNote) out.push(`  ${figures.pathNote}`);
      const k = figures.kiosk;
      if (k)
        out.push(
          `  ${k.kiosks} kiosks, ${k.cards} cards (${k.cardKind}), ${k.paidAmount ?? '?'} yen paid each; card used ${k.cardUses.min}–${k.cardUses.max}× (limit 10/h); ${k.hours.note}`,
        );
      out.push(
        line([
          ['clients', 0],
          ['iss/s', 7],
          ['p50 ms', 8],
          ['p95 ms', 8],
          ['p99 ms', 8],
          ['errors', 7],
          ['srv cpu ms', 11],
          ['bench cpu ms', 13],
          ['runs', 20],
        ]),
      );
      for (const level of figures.closed)
        out.push(
          line([
            [level.clients, 0],
            [level.perSecond, 7],
            [level.p50Ms, 8],
            [level.p95Ms, 8],
            [level.p99Ms, 8],
            [level.errors, 7],
            [level.serverCpuMsPerIssuance, 11],
            [level.clientCpuMsPerIssuance ?? '', 13],
            [level.runs.join('/'), 20],
          ]),
        );
      const steps = figures.closed
        .filter((level) => level.phases)
        .map(
          (level) =>
            `${level.clients}: auth ${level.phases!.auth.p50Ms} (card ${level.phases!.card.p50Ms}), issue ${level.phases!.issue.p50Ms}, close ${level.phases!.closeOut.p50Ms}`,
        );
      if (steps.length) out.push(`  kiosk steps, p50 ms by clients — ${steps.join('; ')}`);
      if (figures.open)
        out.push(
          `  open loop, Poisson arrivals at ${figures.open.rate}/s: ${figures.open.requests} requests, ${figures.open.perSecond}/s answered, p50 ${figures.open.p50Ms} ms, p99 ${figures.open.p99Ms} ms, errors ${figures.open.errors}${figures.open.clientCpuMsPerIssuance !== undefined ? `, bench cpu ${figures.open.clientCpuMsPerIssuance} ms each` : ''}`,
        );
      if (figures.openOrders)
        out.push(
          `  orders alone at ${figures.openOrders.rate}/s on ${figures.openOrders.sessions} open card sessions: ${figures.openOrders.requests} requests, ${figures.openOrders.perSecond}/s answered, p50 ${figures.openOrders.p50Ms} ms, p99 ${figures.openOrders.p99Ms} ms, errors ${figures.openOrders.errors}`,
        );
      const kinds: Record<string, number> = {};
      for (const errorKinds of [
        ...figures.closed.map((level) => level.errorKinds),
        figures.open?.errorKinds ?? {},
        figures.openOrders?.errorKinds ?? {},
      ])
        for (const [kind, n] of Object.entries(errorKinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
      if (Object.keys(kinds).length) out.push(`  errors by kind: ${JSON.stringify(kinds)}`);
      out.push(
        `  server RSS: idle ${mib(figures.memory.idleRssBytes)}, peak ${mib(figures.memory.peakRssBytes)}, end ${mib(figures.memory.endRssBytes)}`,
      );
    }
  }
  for (const [name, m] of [
    ['Memory', results.memory],
    ['Soak', results.soak],
    [`Last soak (${results.lastSoak?.measuredAt ?? ''}, bench/soak.json)`, results.lastSoak?.figures],
  ] as const) {
    if (!m) continue;
    out.push(
      '',
      `${name}: ${m.count} render+sign through ${m.threads} threads (${m.perSecond}/s): base ${m.baseMiB} MiB, warm ${m.warmMiB}, end ${m.endMiB}, max ${m.maxMiB}`,
    );
    out.push(
      `  per render thread ${m.perWorkerWarmMiB} MiB warm, ${m.perWorkerPeakMiB} MiB at peak; growth ${m.growthMiBPer10k} MiB per 10,000 → ${m.count < 20_000 ? 'still warming up (judge flatness on the soak)' : m.flat ? 'flat' : 'GROWING'}`,
    );
  }
  if (results.town) {
    out.push('', 'Registry');
    const t = results.town;
    if ('failed' in t) out.push(`  failed: ${t.failed}`);
    else {
      for (const [driver, f] of Object.entries(t.seed.drivers))
        if (f)
          out.push(
            `  seeding ${t.seed.residents} residents on ${driver}: ${f.residentsPerSecond} residents/s, ${f.rowsPerSecond} rows/s, ${f.seconds} s, peak RSS ${f.peakRssMb} MB`,
          );
      if ('skipped' in t.search) out.push(`  search: skipped (${t.search.skipped})`);
      else {
        out.push(
          `  search on ${t.search.residents} residents (${t.search.driver}${t.search.builtInSeconds !== undefined ? `, town built in ${t.search.builtInSeconds} s` : ', kept town'}), ms:`,
        );
        for (const [kind, k] of Object.entries(t.search.byKind))
          out.push(`    ${kind.padEnd(14)} p50 ${pad(k.p50, 7)}  p95 ${pad(k.p95, 7)}  hits ${k.meanHits}`);
      }
    }
  }
  out.push('', 'Targets');
  for (const t of results.targets)
    out.push(
      `  ${t.met === undefined ? 'n/a    ' : t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.measured} (target ${t.target})`,
    );
  console.log(out.join('\n'));
}

async function section<T>(
  results: BenchResults,
  name: string,
  work: () => Promise<T>,
): Promise<T | { failed: string }> {
  const started = performance.now();
  console.error(`[bench] ${name}… (load ${loadNow()})`);
  try {
    return await work();
  } catch (error) {
    console.error(`[bench] ${name} failed:`, error);
    return { failed: error instanceof Error ? error.message : String(error) };
  } finally {
    results.sectionSeconds[name] = round((performance.now() - started) / 1000, 1);
  }
}

export async function runBenchmarks(argv: string[]): Promise<BenchResults> {
  const args = parseArgs(argv);
  const started = performance.now();
  const postgresUrl = await findPostgres();
  const results: BenchResults = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    startedAt: new Date().toISOString(),
    seconds: 0,
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAtStart: loadNow(),
      loadAtEnd: 0,
    },
    sectionSeconds: {},
    targets: [],
  };
  const quick = args.quick;
  const has = (s: Section) => args.sections.has(s);
  const log = (text: string) => console.error(text);
  const identity = await benchIdentity();

  if (has('signing')) {
    const r = await section(results, 'signing', () => benchSigning());
    if (!('failed' in r)) results.signing = r as Record<string, number>;
  }
  if (has('render')) {
    const r = await section(results, 'render', () => benchRender(quick ? 10 : 40));
    if (!('failed' in r)) results.render = r as Record<string, RenderBenchResult>;
  }
  if (has('pipeline')) {
    const r = await section(results, 'pipeline', () =>
      benchPipeline({ identity, runs: quick ? 10 : 40, repeats: quick ? 1 : 3, poolJobs: quick ? 100 : 600 }),
    );
    if (!('failed' in r)) results.pipeline = r as PipelineFigures;
  }
  if (has('chromium')) {
    const r = await section(results, 'chromium', () =>
      benchChromium({ identity, runs: quick ? 5 : 15, repeats: quick ? 1 : 3 }),
    );
    results.chromium = 'failed' in r ? { skipped: `failed: ${r.failed}` } : r;
  }
  if (has('e2e')) {
    results.e2e = {};
    for (const driver of ['pglite', 'postgres'] as const) {
      if (driver === 'postgres' && !postgresUrl) {
        results.e2e.postgres = { failed: 'no PostgreSQL server: set DATABASE_URL' };
        continue;
      }
      results.e2e[driver] = await section(results, `e2e ${driver}`, () =>
        benchEndToEnd({
          driver,
          ...(postgresUrl ? { postgresUrl } : {}),
          durationMs: quick ? 1500 : 4000,
          repeats: quick ? 1 : 3,
          openRate: 100,
          openDurationMs: quick ? 3000 : 10_000,
          ...(args.e2eInternal ? { path: 'internal-api' as const } : {}),
          ...(args.e2eCounterAfterHours ? { outsideHours: 'fallback' as const } : {}),
          log,
        }),
      );
    }
  }
  if (has('memory')) {
    const r = await section(results, 'memory', () => benchMemory(quick ? 600 : 4000));
    if (!('failed' in r)) results.memory = r as MemoryFigures;
  }
  if (args.soak) {
    const r = await section(results, 'soak', () => benchMemory(100_000));
    if (!('failed' in r)) {
      results.soak = r as MemoryFigures;
      const record: SoakRecord = {
        measuredAt: new Date().toISOString(),
        command: results.command,
        figures: results.soak,
      };
      writeFileSync(SOAK_FILE, `${JSON.stringify(record, null, 2)}\n`);
    }
  } else if (existsSync(SOAK_FILE)) {
    results.lastSoak = JSON.parse(readFileSync(SOAK_FILE, 'utf8')) as SoakRecord;
  }
  if (has('town')) {
    results.town = await section(results, 'town', () =>
      benchTown({
        ...(postgresUrl ? { postgresUrl } : {}),
        seedResidents: quick ? 2000 : 20_000,
        searchResidents: 100_000,
        freshTown: args.freshTown,
        searchSamples: quick ? 20 : 100,
        log,
      }),
    );
  }

  results.seconds = round((performance.now() - started) / 1000, 0);
  results.machine.loadAtEnd = loadNow();
  results.targets = evaluateTargets(results);
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runBenchmarks(process.argv.slice(2));
  const file = fileURLToPath(new URL('./results.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  console.log(`\nwritten: bench/results.json`);
  process.exit(0);
}
