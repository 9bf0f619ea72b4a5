/**
 * The registry side: seeding speed (bench/seed.bench.ts on a fresh database
 * per driver) and search latency on a 100,000-resident town
 * (bench/search.bench.ts). Seeding a 100,000-resident town takes minutes, so
 * the search town is kept between runs as a PostgreSQL database named after
 * its size and a hash of the seeder and migrations: a change to either builds
 * it again, `--fresh-town` always does. Run alone: `npx tsx bench/town.bench.ts`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { connect, type DriverKind } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { seedTown } from '../src/seed/seed-town.js';
import { DEMO_MUNICIPALITY } from './issuance-client.js';
import { loadNow } from './measure.js';
import { benchSearch, type SearchFigures } from './search.bench.js';
import { benchSeed, type SeedRunFigures } from './seed.bench.js';
import { round } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOWN_PREFIX = 'madoguchi_bench_town';

export interface TownFigures {
  seed: { residents: number; drivers: Partial<Record<DriverKind, SeedRunFigures>> };
  search:
    | (SearchFigures & {
        driver: DriverKind;
        /** Seconds it took to build the search town in this run; absent when a kept one was reused. */
        builtInSeconds?: number;
        database: string;
      })
    | { skipped: string };
  load: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Changes when the seeder or the schema changes: a kept town is only reused if it is what the code would make. */
function townVersion(): string {
  const hash = createHash('sha256');
  for (const file of [
    ...filesUnder(join(ROOT, 'src/seed')),
    ...filesUnder(join(ROOT, 'src/db/migrations')),
  ].sort())
    if (!file.endsWith('.test.ts')) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 10);
}

async function adminQuery<T extends pg.QueryResultRow>(
  baseUrl: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

const urlOf = (baseUrl: string, name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The kept search town, built (under a temporary name, renamed when complete) when missing. */
async function searchTown(baseUrl: string, residents: number, fresh: boolean) {
  const name = `${TOWN_PREFIX}_${residents}_${townVersion()}`;
  const existing = await adminQuery<{ datname: string }>(
    baseUrl,
    `select datname from pg_database where datname like $1`,
    [`${TOWN_PREFIX}_%`],
  );
  for (const row of existing.rows) {
    // Towns of an older seeder, half-built ones, or all of them with --fresh-town.
    if (row.datname !== name || fresh)
      await adminQuery(baseUrl, `drop database if exists ${row.datname} with (force)`);
  }
  if (existing.rows.some((r) => r.datname === name) && !fresh) return { name, builtInSeconds: undefined };
  const building = `${name}_building`;
  await adminQuery(baseUrl, `create database ${building}`);
  const database = await connect({ url: urlOf(baseUrl, building) });
  const started = performance.now();
  try {
    await migrate(database.db);
    await seedTown(database.db, { municipalityCode: DEMO_MUNICIPALITY, residents, seed: 1 });
    await sql`analyze`.execute(database.db);
  } finally {
    await database.close();
  }
  const builtInSeconds = round((performance.now() - started) / 1000, 1);
  await adminQuery(baseUrl, `alter database ${building} rename to ${name}`);
  return { name, builtInSeconds };
}

export interface TownOptions {
  /** PostgreSQL base URL; without it search runs on PGlite with the seeding town's size. */
  postgresUrl?: string;
  seedResidents?: number;
  searchResidents?: number;
  freshTown?: boolean;
  searchSamples?: number;
  log?: (line: string) => void;
}

export async function benchTown(options: TownOptions = {}): Promise<TownFigures> {
  const log = options.log ?? (() => {});
  const seedResidents = options.seedResidents ?? 20_000;
  const drivers: DriverKind[] = options.postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  const previous = process.env.DATABASE_URL;
  // seed.bench.ts makes its PostgreSQL scratch database under DATABASE_URL.
  if (options.postgresUrl) process.env.DATABASE_URL = options.postgresUrl;
  let seed: TownFigures['seed'];
  try {
    const figures = await benchSeed({ residents: seedResidents, runs: 1, drivers });
    seed = { residents: seedResidents, drivers: figures.drivers };
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
  log(
    `  seeding ${seedResidents}: ${JSON.stringify(Object.fromEntries(Object.entries(seed.drivers).map(([k, v]) => [k, v?.residentsPerSecond])))} residents/s`,
  );

  let search: TownFigures['search'];
  if (options.postgresUrl) {
    const residents = options.searchResidents ?? 100_000;
    log(`  search town of ${residents} residents…`);
    const town = await searchTown(options.postgresUrl, residents, options.freshTown ?? false);
    const database = await connect({ url: urlOf(options.postgresUrl, town.name) });
    try {
      const figures = await benchSearch(database.db, DEMO_MUNICIPALITY, options.searchSamples ?? 100);
      search = {
        ...figures,
        driver: 'postgres',
        database: town.name,
        ...(town.builtInSeconds !== undefined ? { builtInSeconds: town.builtInSeconds } : {}),
      };
    } finally {
      await database.close();
    }
  } else {
    search = {
      skipped: 'no PostgreSQL server (set DATABASE_URL): the 100,000-resident search town is kept there',
    };
  }
  return { seed, search, load: loadNow() };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchTown({
    postgresUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    freshTown: process.argv.includes('--fresh-town'),
    log: console.log,
  });
  console.log(JSON.stringify(figures, null, 2));
}
