import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any number: it only has to be the same for every madoguchi process.
const MIGRATION_LOCK = 4_242_001;

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8'),
    }));
}

/**
 * Applies the plain SQL migrations not yet applied, each in its own
 * transaction. An advisory lock keeps two server processes starting at once
 * from applying the same file twice.
 */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`create table if not exists schema_migration (
      name text primary key, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set(
      (await trx.selectFrom('schema_migration').select('name').execute()).map((r) => r.name),
    );
    for (const migration of listMigrations()) {
      if (done.has(migration.name)) continue;
      await sql.raw(migration.sql).execute(trx);
      await trx.insertInto('schema_migration').values({ name: migration.name }).execute();
      applied.push(migration.name);
    }
  });
  return applied;
}
