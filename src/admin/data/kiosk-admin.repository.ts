import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const KIOSK_COLUMNS = [
  'kiosk_id',
  'kind',
  'operator_name',
  'location',
  'prefecture',
  'in_city',
  'key_algorithm',
  'status',
  'status_reason',
  'status_changed_at',
  'registered_at',
] as const;

/** The municipality's own terminals (庁舎内交付端末); store machines belong to their operators. */
export function listTownKiosks(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('kiosk')
    .select([...KIOSK_COLUMNS])
    .where('operator_municipality_code', '=', municipalityCode)
    .orderBy('kiosk_id')
    .execute();
}

export function findTownKiosk(db: Kysely<DB>, municipalityCode: string, kioskId: string) {
  return db
    .selectFrom('kiosk')
    .select([...KIOSK_COLUMNS])
    .where('operator_municipality_code', '=', municipalityCode)
    .where('kiosk_id', '=', kioskId)
    .executeTakeFirst();
}

export function listKioskHistory(db: Kysely<DB>, kioskId: string) {
  return db
    .selectFrom('kiosk_event')
    .select(['seq', 'occurred_at', 'actor', 'action', 'status', 'reason'])
    .where('kiosk_id', '=', kioskId)
    .orderBy('seq')
    .execute();
}
