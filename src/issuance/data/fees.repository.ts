import type { Insertable, Kysely } from 'kysely';
import type { DB, FeeCampaignTable, FeeScheduleTable } from '../../db/schema.js';

export async function listFeeSchedule(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('fee_schedule')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .execute();
}

export async function listFeeCampaigns(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('fee_campaign')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .execute();
}

export async function insertFeeSchedule(db: Kysely<DB>, rows: Insertable<FeeScheduleTable>[]) {
  if (rows.length) await db.insertInto('fee_schedule').values(rows).execute();
}

export async function insertFeeCampaign(db: Kysely<DB>, row: Insertable<FeeCampaignTable>) {
  await db.insertInto('fee_campaign').values(row).execute();
}
