/**
 * The notifications' reads and writes of the resident register (住民基本台帳):
 * the rows a notification changes are locked, read with their versions, and
 * written with a new version, so a second writer in between is noticed.
 */
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, ResidentTable } from '../../db/schema.js';
import type { HouseholdView, RegisterPerson } from '../domain/household-match.js';

type ResidentRow = Selectable<ResidentTable>;

export function toRegisterPerson(row: ResidentRow): RegisterPerson {
  return {
    residentId: row.resident_id,
    householdId: row.household_id,
    version: row.version,
    status: row.status,
    familyName: row.family_name,
    givenName: row.given_name,
    familyNameKana: row.family_name_kana,
    givenNameKana: row.given_name_kana,
    birthDate: row.birth_date,
    sex: row.sex,
    relationship: row.relationship,
    juminhyoCode: row.juminhyo_code,
    postalCode: row.postal_code,
    address: row.address,
    katagaki: row.katagaki,
    honseki: row.honseki,
    hittosha: row.hittosha,
    residentSince: row.resident_since,
    myNumber: row.kojin_bango,
    nameKey: row.name_key,
    kanaKey: row.kana_key,
  };
}

/**
 * Residents (any status) who may be one of the people named: same ふりがな and
 * birth date, same name and birth date, or the same 住民票コード.
 */
export async function findCandidates(
  db: Kysely<DB>,
  municipalityCode: string,
  keys: { kanaKey?: string; nameKey?: string; birthDate: string; juminhyoCode?: string | undefined }[],
  residentIds: readonly number[] = [],
): Promise<RegisterPerson[]> {
  if (keys.length === 0 && residentIds.length === 0) return [];
  const rows = await db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where((eb) =>
      eb.or([
        ...keys.flatMap((k) => [
          ...(k.kanaKey
            ? [eb.and([eb('kana_key', '=', k.kanaKey), eb('birth_date', '=', k.birthDate)])]
            : []),
          ...(k.nameKey
            ? [eb.and([eb('name_key', '=', k.nameKey), eb('birth_date', '=', k.birthDate)])]
            : []),
          ...(k.juminhyoCode ? [eb('juminhyo_code', '=', k.juminhyoCode)] : []),
        ]),
        ...(residentIds.length > 0 ? [eb('resident_id', 'in', [...residentIds])] : []),
      ]),
    )
    .orderBy('resident_id')
    .limit(500)
    .execute();
  return rows.map(toRegisterPerson);
}

/** A household with its active members; `forUpdate` locks the household and member rows. */
export async function findHouseholdView(
  db: Kysely<DB>,
  municipalityCode: string,
  householdId: number,
  options: { forUpdate?: boolean } = {},
): Promise<HouseholdView | undefined> {
  let householdQuery = db
    .selectFrom('household')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId);
  if (options.forUpdate) householdQuery = householdQuery.forUpdate();
  const household = await householdQuery.executeTakeFirst();
  if (!household) return undefined;
  let membersQuery = db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .orderBy('resident_id');
  if (options.forUpdate) membersQuery = membersQuery.forUpdate();
  const members = await membersQuery.execute();
  return {
    householdId,
    headResidentId: household.head_resident_id,
    members: members.map(toRegisterPerson),
  };
}

export async function findResidentsByIds(
  db: Kysely<DB>,
  municipalityCode: string,
  residentIds: readonly number[],
  options: { forUpdate?: boolean } = {},
): Promise<RegisterPerson[]> {
  if (residentIds.length === 0) return [];
  let query = db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', 'in', [...residentIds])
    .orderBy('resident_id');
  if (options.forUpdate) query = query.forUpdate();
  return (await query.execute()).map(toRegisterPerson);
}

export async function findResidentByJuminhyoCode(db: Kysely<DB>, municipalityCode: string, code: string) {
  return db
    .selectFrom('resident')
    .select(['resident_id', 'status', 'version'])
    .where('municipality_code', '=', municipalityCode)
    .where('juminhyo_code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export async function findResidentByMyNumber(db: Kysely<DB>, municipalityCode: string, myNumber: string) {
  return db
    .selectFrom('resident')
    .select(['resident_id', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('kojin_bango', '=', myNumber)
    .executeTakeFirst();
}

export async function juminhyoCodeTaken(db: Kysely<DB>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('resident')
    .select('resident_id')
    .where('juminhyo_code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

// Any number: it only has to be the same for every madoguchi process.
const ID_LOCK = 4_242_062;

/**
 * Serialises new resident and household ids in a municipality: they are the
 * largest plus one, which two concurrent 転入 would otherwise both take.
 */
export async function lockRegisterIds(db: Kysely<DB>, municipalityCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ID_LOCK}, ${Number(municipalityCode)})`.execute(db);
}

export async function nextResidentId(db: Kysely<DB>, municipalityCode: string): Promise<number> {
  const row = await db
    .selectFrom('resident')
    .select((eb) => eb.fn.max('resident_id').as('last'))
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function nextHouseholdId(db: Kysely<DB>, municipalityCode: string): Promise<number> {
  const row = await db
    .selectFrom('household')
    .select((eb) => eb.fn.max('household_id').as('last'))
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertHousehold(
  db: Kysely<DB>,
  row: { municipalityCode: string; householdId: number; headResidentId: number | null; createdOn: string },
) {
  await db
    .insertInto('household')
    .values({
      municipality_code: row.municipalityCode,
      household_id: row.householdId,
      head_resident_id: row.headResidentId,
      created_on: row.createdOn,
    })
    .execute();
}

export async function setHouseholdHead(
  db: Kysely<DB>,
  municipalityCode: string,
  householdId: number,
  headResidentId: number,
) {
  await db
    .updateTable('household')
    .set({ head_resident_id: headResidentId })
    .where('municipality_code', '=', municipalityCode)
    .where('household_id', '=', householdId)
    .execute();
}

export async function insertResident(db: Kysely<DB>, row: Insertable<ResidentTable>) {
  await db.insertInto('resident').values(row).execute();
}

/** Changes a resident row and moves its version on; refuses (returns false) when the version is not the one seen. */
export async function updateResident(
  db: Kysely<DB>,
  municipalityCode: string,
  residentId: number,
  expectedVersion: number,
  patch: Partial<Omit<Insertable<ResidentTable>, 'municipality_code' | 'resident_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('resident')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendResidentEvent(
  db: Kysely<DB>,
  event: {
    municipalityCode: string;
    residentId: number;
    type: 'tennyu' | 'tenkyo' | 'tenshutsu' | 'setai_henko';
    date: string;
    notifiedOn: string;
    details: Record<string, unknown>;
  },
): Promise<number> {
  const last = await db
    .selectFrom('resident_event')
    .select((eb) => eb.fn.max('seq').as('last'))
    .where('municipality_code', '=', event.municipalityCode)
    .where('resident_id', '=', event.residentId)
    .executeTakeFirst();
  const seq = Number(last?.last ?? 0) + 1;
  await db
    .insertInto('resident_event')
    .values({
      municipality_code: event.municipalityCode,
      resident_id: event.residentId,
      seq,
      event_type: event.type,
      event_date: event.date,
      notified_on: event.notifiedOn,
      details: JSON.stringify(event.details),
    })
    .execute();
  return seq;
}

/** 印鑑登録の廃止: the active registration of a resident, if any; returns its number. */
export async function abolishActiveSeal(
  db: Kysely<DB>,
  municipalityCode: string,
  residentId: number,
  on: string,
  reason: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('seal_registration')
    .set({ status: 'abolished', abolished_on: on, abolished_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .where('status', '=', 'active')
    .returning('registration_no')
    .executeTakeFirst();
  return row?.registration_no;
}

export async function findMunicipalityRow(db: Kysely<DB>, code: string) {
  return db.selectFrom('municipality').selectAll().where('code', '=', code).executeTakeFirst();
}
