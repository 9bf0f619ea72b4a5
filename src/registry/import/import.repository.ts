import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type {
  DB,
  FuhyoEntryTable,
  HouseholdTable,
  KosekiEventTable,
  KosekiMemberTable,
  KosekiTable,
  MunicipalityTable,
  ResidentEventTable,
  ResidentTable,
  SealRegistrationTable,
  TaxRecordTable,
} from '../../db/schema.js';

/** The only SQL of the import: reading what is already stored and writing the planned rows. */

export type MunicipalityRecord = Selectable<MunicipalityTable>;
export type HouseholdRecord = Selectable<HouseholdTable>;
export type ResidentRecord = Selectable<ResidentTable>;
export type ResidentEventRecord = Selectable<ResidentEventTable>;
export type KosekiRecord = Selectable<KosekiTable>;
export type KosekiMemberRecord = Selectable<KosekiMemberTable>;
export type KosekiEventRecord = Selectable<KosekiEventTable>;
export type FuhyoRecord = Selectable<FuhyoEntryTable>;
export type SealRecord = Selectable<SealRegistrationTable>;
export type TaxRecord = Selectable<TaxRecordTable>;

export const memberKey = (kosekiId: number, memberNo: number) => `${kosekiId}:${memberNo}`;
export const entryKey = (kosekiId: number, memberNo: number, seq: number) => `${kosekiId}:${memberNo}:${seq}`;
export const taxKey = (residentId: number, taxYear: number) => `${residentId}:${taxYear}`;

/** What the files refer to; the snapshot loads exactly the stored rows these can touch. */
export interface SnapshotKeys {
  residentIds: number[];
  juminhyoCodes: string[];
  kojinBangos: string[];
  householdIds: number[];
  /** Residents whose whole event history is compared with the events file. */
  eventResidentIds: number[];
  /** Residents that may get a new event (their last seq is needed). */
  seqResidentIds: number[];
  kosekiIds: number[];
  sealRegistrationNos: number[];
  sealCardNos: string[];
  sealResidentIds: number[];
  taxResidentIds: number[];
}

export interface Snapshot {
  municipality: MunicipalityRecord | undefined;
  /** The residents referred to, the holders of the file's codes, and every member of the households involved. */
  residents: Map<number, ResidentRecord>;
  households: Map<number, HouseholdRecord>;
  residentEvents: Map<number, ResidentEventRecord[]>;
  lastEventSeq: Map<number, number>;
  koseki: Map<number, KosekiRecord>;
  kosekiMembers: Map<string, KosekiMemberRecord>;
  kosekiEvents: Map<string, KosekiEventRecord>;
  fuhyo: Map<string, FuhyoRecord>;
  seals: Map<number, SealRecord>;
  tax: Map<string, TaxRecord>;
}

const IN_LIST = 1000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<K, R>(keys: readonly K[], load: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(keys)];
  const out: R[] = [];
  for (const chunk of chunks(unique, IN_LIST)) out.push(...(await load(chunk)));
  return out;
}

/**
 * Serialises imports of one municipality: two imports at once would each
 * validate against a state the other is about to change.
 */
export async function lockMunicipalityImport(trx: Transaction<DB>, code: string) {
  await sql`select pg_advisory_xact_lock(4242002, ${Number(code)})`.execute(trx);
}

export async function loadSnapshot(db: Kysely<DB>, code: string, keys: SnapshotKeys): Promise<Snapshot> {
  const municipality = await db
    .selectFrom('municipality')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();

  const residents = new Map<number, ResidentRecord>();
  const addResidents = (rows: ResidentRecord[]) => {
    for (const r of rows) residents.set(r.resident_id, r);
  };
  const residentQuery = () => db.selectFrom('resident').selectAll().where('municipality_code', '=', code);
  addResidents(
    await inChunks(keys.residentIds, (c) => residentQuery().where('resident_id', 'in', c).execute()),
  );
  addResidents(
    await inChunks(keys.juminhyoCodes, (c) => residentQuery().where('juminhyo_code', 'in', c).execute()),
  );
  addResidents(
    await inChunks(keys.kojinBangos, (c) => residentQuery().where('kojin_bango', 'in', c).execute()),
  );

  // Households a file row joins or leaves, and everyone else in them (for the 世帯主 check).
  const householdIds = new Set(keys.householdIds);
  for (const id of keys.residentIds) {
    const stored = residents.get(id);
    if (stored) householdIds.add(stored.household_id);
  }
  const households = new Map<number, HouseholdRecord>();
  for (const h of await inChunks([...householdIds], (c) =>
    db
      .selectFrom('household')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('household_id', 'in', c)
      .execute(),
  )) {
    households.set(h.household_id, h);
  }
  addResidents(
    await inChunks([...householdIds], (c) => residentQuery().where('household_id', 'in', c).execute()),
  );

  const residentEvents = new Map<number, ResidentEventRecord[]>();
  for (const e of await inChunks(keys.eventResidentIds, (c) =>
    db
      .selectFrom('resident_event')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('resident_id', 'in', c)
      .orderBy('resident_id')
      .orderBy('seq')
      .execute(),
  )) {
    const list = residentEvents.get(e.resident_id) ?? [];
    list.push(e);
    residentEvents.set(e.resident_id, list);
  }
  const lastEventSeq = new Map<number, number>();
  for (const row of await inChunks(keys.seqResidentIds, (c) =>
    db
      .selectFrom('resident_event')
      .select(['resident_id', (eb) => eb.fn.max('seq').as('last')])
      .where('municipality_code', '=', code)
      .where('resident_id', 'in', c)
      .groupBy('resident_id')
      .execute(),
  )) {
    lastEventSeq.set(row.resident_id, Number(row.last));
  }

  const koseki = new Map<number, KosekiRecord>();
  const kosekiMembers = new Map<string, KosekiMemberRecord>();
  const kosekiEvents = new Map<string, KosekiEventRecord>();
  const fuhyo = new Map<string, FuhyoRecord>();
  for (const k of await inChunks(keys.kosekiIds, (c) =>
    db
      .selectFrom('koseki')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('koseki_id', 'in', c)
      .execute(),
  )) {
    koseki.set(k.koseki_id, k);
  }
  for (const m of await inChunks(keys.kosekiIds, (c) =>
    db
      .selectFrom('koseki_member')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('koseki_id', 'in', c)
      .execute(),
  )) {
    kosekiMembers.set(memberKey(m.koseki_id, m.member_no), m);
  }
  for (const e of await inChunks(keys.kosekiIds, (c) =>
    db
      .selectFrom('koseki_event')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('koseki_id', 'in', c)
      .execute(),
  )) {
    kosekiEvents.set(entryKey(e.koseki_id, e.member_no, e.seq), e);
  }
  for (const f of await inChunks(keys.kosekiIds, (c) =>
    db
      .selectFrom('fuhyo_entry')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('koseki_id', 'in', c)
      .execute(),
  )) {
    fuhyo.set(entryKey(f.koseki_id, f.member_no, f.seq), f);
  }

  const seals = new Map<number, SealRecord>();
  const sealQuery = () =>
    db.selectFrom('seal_registration').selectAll().where('municipality_code', '=', code);
  const addSeals = (rows: SealRecord[]) => {
    for (const s of rows) seals.set(s.registration_no, s);
  };
  addSeals(
    await inChunks(keys.sealRegistrationNos, (c) => sealQuery().where('registration_no', 'in', c).execute()),
  );
  addSeals(await inChunks(keys.sealCardNos, (c) => sealQuery().where('card_no', 'in', c).execute()));
  addSeals(
    await inChunks(keys.sealResidentIds, (c) =>
      sealQuery().where('resident_id', 'in', c).where('status', '=', 'active').execute(),
    ),
  );

  const tax = new Map<string, TaxRecord>();
  for (const t of await inChunks(keys.taxResidentIds, (c) =>
    db
      .selectFrom('tax_record')
      .selectAll()
      .where('municipality_code', '=', code)
      .where('resident_id', 'in', c)
      .execute(),
  )) {
    tax.set(taxKey(t.resident_id, t.tax_year), t);
  }

  return {
    municipality,
    residents,
    households,
    residentEvents,
    lastEventSeq,
    koseki,
    kosekiMembers,
    kosekiEvents,
    fuhyo,
    seals,
    tax,
  };
}

// PostgreSQL takes at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;

type Table = Exclude<keyof DB, 'schema_migration'>;

/**
 * jsonb columns get JSON text (both drivers take it alike) and bytea columns a
 * Buffer (what pg expects; PGlite takes any Uint8Array).
 */
function toDbRow<Row extends object>(row: Row): Row {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array) out[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    else if (value !== null && typeof value === 'object' && !(value instanceof Date))
      out[key] = JSON.stringify(value);
    else out[key] = value;
  }
  return out as Row;
}

/** Multi-row inserts, as many rows per statement as the parameter limit allows. */
export async function insertRows<T extends Table>(trx: Transaction<DB>, table: T, rows: Insertable<DB[T]>[]) {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0] as object).length;
  for (const chunk of chunks(rows, Math.max(1, Math.floor(MAX_PARAMETERS / perRow)))) {
    // The generic table name defeats Kysely's column inference; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(chunk.map(toDbRow) as never)
      .execute();
  }
}

export async function updateMunicipality(trx: Transaction<DB>, row: Insertable<MunicipalityTable>) {
  await trx.updateTable('municipality').set(row).where('code', '=', row.code).execute();
}

export async function updateHousehold(trx: Transaction<DB>, row: Insertable<HouseholdTable>) {
  await trx
    .updateTable('household')
    .set({ head_resident_id: row.head_resident_id, created_on: row.created_on })
    .where('municipality_code', '=', row.municipality_code)
    .where('household_id', '=', row.household_id)
    .execute();
}

/** A changed resident: new values, the next version, and the time of the change. */
export async function updateResident(trx: Transaction<DB>, row: Insertable<ResidentTable>) {
  await trx
    .updateTable('resident')
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where('municipality_code', '=', row.municipality_code)
    .where('resident_id', '=', row.resident_id)
    .execute();
}

export async function updateKoseki(trx: Transaction<DB>, row: Insertable<KosekiTable>) {
  await trx
    .updateTable('koseki')
    .set(row)
    .where('municipality_code', '=', row.municipality_code)
    .where('koseki_id', '=', row.koseki_id)
    .execute();
}

export async function updateKosekiMember(trx: Transaction<DB>, row: Insertable<KosekiMemberTable>) {
  await trx
    .updateTable('koseki_member')
    .set(row)
    .where('municipality_code', '=', row.municipality_code)
    .where('koseki_id', '=', row.koseki_id)
    .where('member_no', '=', row.member_no)
    .execute();
}

export async function updateKosekiEvent(trx: Transaction<DB>, row: Insertable<KosekiEventTable>) {
  await trx
    .updateTable('koseki_event')
    .set(toDbRow(row))
    .where('municipality_code', '=', row.municipality_code)
    .where('koseki_id', '=', row.koseki_id)
    .where('member_no', '=', row.member_no)
    .where('seq', '=', row.seq)
    .execute();
}

export async function updateFuhyo(trx: Transaction<DB>, row: Insertable<FuhyoEntryTable>) {
  await trx
    .updateTable('fuhyo_entry')
    .set(row)
    .where('municipality_code', '=', row.municipality_code)
    .where('koseki_id', '=', row.koseki_id)
    .where('member_no', '=', row.member_no)
    .where('seq', '=', row.seq)
    .execute();
}

export async function updateSeal(trx: Transaction<DB>, row: Insertable<SealRegistrationTable>) {
  await trx
    .updateTable('seal_registration')
    .set(toDbRow(row))
    .where('municipality_code', '=', row.municipality_code)
    .where('registration_no', '=', row.registration_no)
    .execute();
}

export async function updateTax(trx: Transaction<DB>, row: Insertable<TaxRecordTable>) {
  await trx
    .updateTable('tax_record')
    .set(row)
    .where('municipality_code', '=', row.municipality_code)
    .where('resident_id', '=', row.resident_id)
    .where('tax_year', '=', row.tax_year)
    .execute();
}
