import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { connect, type Database, type DriverKind } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * The drivers integration tests run on: PGlite always, PostgreSQL too when
 * DATABASE_URL is set (CI sets it). Each suite gets a database of its own —
 * a fresh in-memory PGlite, or a new database on the server dropped afterwards.
 */
export function testDrivers(): DriverKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Valid after beforeAll has run. */
  readonly ready: true;
}

async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `madoguchi_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      // The pool's sockets may still be closing: give them a moment before forcing.
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`drop database if exists ${name}${attempt >= 20 ? ' with (force)' : ''}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await client.end();
    },
  };
}

/** Opens a migrated, empty database of the given kind. Call `close()` when done. */
export async function openTestDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await connect({});
    await migrate(database.db);
    return database;
  }
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set');
  const server = await createServerDatabase(baseUrl);
  const database = await connect({ url: server.url, maxConnections: 20 });
  await migrate(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      await server.drop();
    },
  };
}

/**
 * `describe` once per driver, with a migrated database opened before and
 * closed after the block: `describeOnDrivers('registry', (ctx) => { it(…, () => ctx.db…) })`.
 */
export function describeOnDrivers(
  name: string,
  body: (ctx: { readonly database: Database; kind: DriverKind }) => void,
) {
  for (const kind of testDrivers()) {
    describe(`${name} [${kind}]`, () => {
      let database: Database | undefined;
      const ctx = {
        kind,
        get database(): Database {
          if (!database) throw new Error('database not open yet');
          return database;
        },
      };
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await database?.close();
      });
      body(ctx);
    });
  }
}
