import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RowBatch } from '../emit-rows.js';

/**
 * The seeder's SQL. Rows go in as multi-row INSERTs of up to about 60,000
 * parameters (PostgreSQL's limit is 65,535 per statement), in foreign-key
 * order, inside the caller's transaction.
 */

const MAX_PARAMETERS = 60_000;

/** Tables in the order their foreign keys need. */
const TABLE_ORDER: readonly (keyof RowBatch)[] = [
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
];

export async function insertBatch(db: Kysely<DB>, batch: RowBatch): Promise<void> {
  for (const table of TABLE_ORDER) await insertRows(db, table, batch[table]);
}

async function insertRows<T extends keyof RowBatch>(
  db: Kysely<DB>,
  table: T,
  rows: RowBatch[T],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk: Insertable<DB[T]>[] = rows.slice(i, i + perStatement);
    await db.insertInto(table).values(chunk).execute();
  }
}

export async function insertMunicipalityIfAbsent(
  db: Kysely<DB>,
  row: Insertable<DB['municipality']>,
): Promise<void> {
  await db
    .insertInto('municipality')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

/** Locks the municipality row so two seeders of the same town run one after the other. */
export async function lockMunicipality(db: Kysely<DB>, code: string): Promise<void> {
  await db.selectFrom('municipality').select('code').where('code', '=', code).forUpdate().execute();
}

/** Whether the municipality already holds registry records the seeder would collide with. */
export async function hasRegistryRecords(db: Kysely<DB>, code: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from resident where municipality_code = ${code})
        or exists (select 1 from household where municipality_code = ${code})
        or exists (select 1 from koseki where municipality_code = ${code}) as found`.execute(db);
  return rows[0]?.found === true;
}
