import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type DriverKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DriverKind;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** A PostgreSQL server; when absent, embedded PGlite is used. */
  url?: string | undefined;
  /** PGlite's data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** Pool size for the server driver. */
  maxConnections?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// int8 values here (ids, yen) stay far below 2^53; dates stay ISO strings so that a
// birth date never shifts by a day through a local-time Date.
const toNumber = (value: string) => Number(value);
const keepString = (value: string) => value;

export async function connect(options: ConnectOptions = {}): Promise<Database> {
  if (options.url) {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === DATE) return keepString;
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      types: types as pg.CustomTypesConfig,
    });
    // An idle connection dropped by the server (restart, failover) must not
    // crash the process: the pool opens a new one on the next query.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: keepString },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
