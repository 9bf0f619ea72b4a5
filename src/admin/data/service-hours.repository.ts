import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export function latestServiceHours(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('service_hours')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The version in force of every municipality that has set its hours. */
export function latestServiceHoursOfAll(db: Kysely<DB>) {
  return db
    .selectFrom('service_hours as s')
    .selectAll('s')
    .where(
      's.version',
      '=',
      sql<number>`(select max(v.version) from service_hours v where v.municipality_code = s.municipality_code)`,
    )
    .execute();
}

export function listServiceHoursVersions(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('service_hours')
    .select(['version', 'reason', 'recorded_at', 'recorded_by'])
    .where('municipality_code', '=', municipalityCode)
    .orderBy('version', 'desc')
    .execute();
}

/** Adds the next version; the primary key refuses a concurrent writer that read the same version. */
export async function insertServiceHours(
  trx: Kysely<DB>,
  row: { municipalityCode: string; version: number; config: unknown; reason: string; at: Date; by: string },
) {
  await trx
    .insertInto('service_hours')
    .values({
      municipality_code: row.municipalityCode,
      version: row.version,
      config: JSON.stringify(row.config),
      reason: row.reason,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .execute();
}
