import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, ResidentTable } from '../../db/schema.js';

export type ResidentRow = Selectable<ResidentTable>;

export interface ResidentSearchCriteria {
  municipalityCode: string;
  nameKey?: string | undefined;
  kanaKey?: string | undefined;
  birthDate?: string | undefined;
  addressKey?: string | undefined;
  juminhyoCode?: string | undefined;
  includeRemoved?: boolean | undefined;
  limit: number;
}

export const RESIDENT_SUMMARY_COLUMNS = [
  'resident_id',
  'juminhyo_code',
  'household_id',
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
  'birth_date',
  'sex',
  'address',
  'katagaki',
  'status',
  'is_foreign',
  'support_measure',
] as const;

/**
 * Search for clerks. Keys arrive already folded (see domain/text-fold): a name
 * key matches as a prefix of the folded full name or of the folded given name
 * and as a substring through the trigram index; results are ordered so that
 * exact matches come first.
 */
export async function searchResidents(db: Kysely<DB>, c: ResidentSearchCriteria) {
  let query = db
    .selectFrom('resident')
    .select([...RESIDENT_SUMMARY_COLUMNS])
    .where('municipality_code', '=', c.municipalityCode);
  if (!c.includeRemoved) query = query.where('status', '=', 'active');
  if (c.juminhyoCode) query = query.where('juminhyo_code', '=', c.juminhyoCode);
  if (c.birthDate) query = query.where('birth_date', '=', c.birthDate);
  if (c.nameKey) query = query.where('name_key', 'like', `%${escapeLike(c.nameKey)}%`);
  if (c.kanaKey) query = query.where('kana_key', 'like', `%${escapeLike(c.kanaKey)}%`);
  if (c.addressKey) query = query.where('address_key', 'like', `%${escapeLike(c.addressKey)}%`);
  const exactness = sql<number>`(case when ${sql.ref('name_key')} = ${c.nameKey ?? ''} or ${sql.ref('kana_key')} = ${c.kanaKey ?? ''} then 0 else 1 end)`;
  return query
    .orderBy(exactness)
    .orderBy('kana_key')
    .orderBy('birth_date')
    .orderBy('resident_id')
    .limit(c.limit)
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findResident(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .executeTakeFirst();
}

export async function findResidentByJuminhyoCode(
  db: Kysely<DB>,
  municipalityCode: string,
  juminhyoCode: string,
) {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('juminhyo_code', '=', juminhyoCode)
    .executeTakeFirst();
}

/** The household's members in 住民票 order: the head first, then by birth date. */
export async function listHouseholdMembers(
  db: Kysely<DB>,
  municipalityCode: string,
  householdId: number,
  options: { includeRemoved?: boolean } = {},
) {
  let query = db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId);
  if (!options.includeRemoved) query = query.where('status', '=', 'active');
  return query
    .orderBy(sql`case when relationship = '世帯主' then 0 else 1 end`)
    .orderBy('birth_date')
    .orderBy('resident_id')
    .execute();
}

export async function listResidentEvents(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  return db
    .selectFrom('resident_event')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .orderBy('seq')
    .execute();
}

export async function findHousehold(db: Kysely<DB>, municipalityCode: string, householdId: number) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
}
