import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, SupportOverrideStatus, SupportOverrideTable } from '../../../db/schema.js';

export type OverrideRow = Selectable<SupportOverrideTable>;

export interface OverrideOrigin {
  municipalityCode: string;
  channel: 'counter' | 'mail';
  originId: string;
  originLine: number;
}

export async function insertOverride(db: Kysely<DB>, row: Insertable<SupportOverrideTable>) {
  await db.insertInto('support_override').values(row).execute();
}

export function findOverride(db: Kysely<DB>, municipalityCode: string, overrideId: string) {
  return db
    .selectFrom('support_override')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('override_id', '=', overrideId)
    .executeTakeFirst();
}

export function lockOverride(trx: Kysely<DB>, municipalityCode: string, overrideId: string) {
  return trx
    .selectFrom('support_override')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('override_id', '=', overrideId)
    .forUpdate()
    .executeTakeFirst();
}

/** The pending or approved request of a line (at most one: a partial unique index says so). */
export function findLiveOverride(db: Kysely<DB>, origin: OverrideOrigin) {
  return db
    .selectFrom('support_override')
    .selectAll()
    .where('municipality_code', '=', origin.municipalityCode)
    .where('channel', '=', origin.channel)
    .where('origin_id', '=', origin.originId)
    .where('origin_line', '=', origin.originLine)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst();
}

export function listOverridesOf(
  db: Kysely<DB>,
  municipalityCode: string,
  channel: 'counter' | 'mail',
  originId: string,
) {
  return db
    .selectFrom('support_override')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('channel', '=', channel)
    .where('origin_id', '=', originId)
    .orderBy('requested_at')
    .execute();
}

export async function updateOverride(
  db: Kysely<DB>,
  municipalityCode: string,
  overrideId: string,
  changes: Updateable<SupportOverrideTable>,
) {
  await db
    .updateTable('support_override')
    .set(changes)
    .where('municipality_code', '=', municipalityCode)
    .where('override_id', '=', overrideId)
    .execute();
}

export function listOverrides(
  db: Kysely<DB>,
  municipalityCode: string,
  filter: { status?: SupportOverrideStatus; limit: number },
) {
  let query = db.selectFrom('support_override').selectAll().where('municipality_code', '=', municipalityCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('requested_at', 'desc').limit(filter.limit).execute();
}
