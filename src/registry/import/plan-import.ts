import type { Insertable } from 'kysely';
import type {
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
import { foldAddress, foldKanji, kanaKey, nameKey } from '../../domain/text-fold.js';
import { canonicalJson, residentStates } from './check-references.js';
import { entryKey, memberKey, type Snapshot, type SnapshotKeys, taxKey } from './import.repository.js';
import type { ParsedFiles } from './read-import-files.js';
import { HEAD_OF_HOUSEHOLD } from './residents.schema.js';

/**
 * Turns validated files and the stored state into the exact writes: rows to
 * insert, rows to update, and how many are already identical. Pure, so a dry
 * run reports the same counts a real run writes, and identical rows are never
 * touched (their version and updated_at stay put).
 */

export interface TablePlan<Row> {
  insert: Row[];
  update: Row[];
  unchanged: number;
}

export interface ImportPlan {
  municipality: TablePlan<Insertable<MunicipalityTable>>;
  household: TablePlan<Insertable<HouseholdTable>>;
  resident: TablePlan<Insertable<ResidentTable>>;
  resident_event: TablePlan<Insertable<ResidentEventTable>>;
  koseki: TablePlan<Insertable<KosekiTable>>;
  koseki_member: TablePlan<Insertable<KosekiMemberTable>>;
  koseki_event: TablePlan<Insertable<KosekiEventTable>>;
  fuhyo_entry: TablePlan<Insertable<FuhyoEntryTable>>;
  seal_registration: TablePlan<Insertable<SealRegistrationTable>>;
  tax_record: TablePlan<Insertable<TaxRecordTable>>;
}

/** The stored rows the files can touch (see loadSnapshot). */
export function snapshotKeys(parsed: ParsedFiles): SnapshotKeys {
  const residents = parsed.residents?.rows ?? [];
  const events = parsed['resident-events']?.rows ?? [];
  const members = parsed['koseki-members']?.rows ?? [];
  const seals = parsed.seals?.rows ?? [];
  const tax = parsed.tax?.rows ?? [];
  const kosekiIds = [
    ...(parsed.koseki?.rows ?? []).map((r) => r.row.koseki_id),
    ...members.map((r) => r.row.koseki_id),
    ...(parsed['koseki-events']?.rows ?? []).map((r) => r.row.koseki_id),
    ...(parsed.fuhyo?.rows ?? []).map((r) => r.row.koseki_id),
  ];
  const referenced = [
    ...residents.map((r) => r.row.resident_id),
    ...events.map((r) => r.row.resident_id),
    ...members.flatMap((r) => (r.row.resident_id === null ? [] : [r.row.resident_id])),
    ...seals.map((r) => r.row.resident_id),
    ...tax.map((r) => r.row.resident_id),
  ];
  return {
    residentIds: referenced,
    juminhyoCodes: residents.map((r) => r.row.juminhyo_code),
    kojinBangos: residents.flatMap((r) => (r.row.kojin_bango === null ? [] : [r.row.kojin_bango])),
    householdIds: residents.map((r) => r.row.household_id),
    eventResidentIds: events.map((r) => r.row.resident_id),
    seqResidentIds: [...residents.map((r) => r.row.resident_id), ...events.map((r) => r.row.resident_id)],
    kosekiIds,
    sealRegistrationNos: seals.map((r) => r.row.registration_no),
    sealCardNos: seals.map((r) => r.row.card_no),
    // Residents leaving (転出・死亡) too: a stored active registration must not outlive them.
    sealResidentIds: [
      ...seals.map((r) => r.row.resident_id),
      ...residents.flatMap((r) => (r.row.status === 'active' ? [] : [r.row.resident_id])),
    ],
    taxResidentIds: tax.map((r) => r.row.resident_id),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  if (typeof a === 'object' && typeof b === 'object') return canonicalJson(a) === canonicalJson(b);
  return false;
}

/** The columns whose stored value differs from the wanted one. */
export function changedColumns(wanted: object, stored: object): string[] {
  const have = stored as Record<string, unknown>;
  return Object.entries(wanted)
    .filter(([key, value]) => !sameValue(value, have[key]))
    .map(([key]) => key);
}

function diff<Row extends object>(rows: Row[], storedOf: (row: Row) => object | undefined) {
  const plan: TablePlan<Row> & { changes: Map<Row, string[]> } = {
    insert: [],
    update: [],
    unchanged: 0,
    changes: new Map(),
  };
  for (const row of rows) {
    const stored = storedOf(row);
    if (!stored) {
      plan.insert.push(row);
      continue;
    }
    const changed = changedColumns(row, stored);
    if (changed.length === 0) plan.unchanged++;
    else {
      plan.update.push(row);
      plan.changes.set(row, changed);
    }
  }
  return plan;
}

const eventSignature = (e: {
  event_type: string;
  event_date: string;
  notified_on: string | null;
  details: unknown;
}) => JSON.stringify([e.event_type, e.event_date, e.notified_on, canonicalJson(e.details)]);

export interface PlanInput {
  municipalityCode: string;
  parsed: ParsedFiles;
  snapshot: Snapshot;
  /** ISO date of the import: the date of the 職権修正 events it records. */
  today: string;
}

export function planImport({ municipalityCode: code, parsed, snapshot, today }: PlanInput): ImportPlan {
  const municipality = diff(
    (parsed.municipality?.rows ?? []).map(({ row }) => ({ ...row })),
    () => snapshot.municipality,
  );

  // 住民: names exactly as in the file; only the search keys are folded.
  const residentRows = (parsed.residents?.rows ?? []).map(({ row }) => {
    const { household_since: _householdSince, ...columns } = row;
    return {
      municipality_code: code,
      ...columns,
      name_key: nameKey(row.family_name, row.given_name),
      kana_key: kanaKey(row.family_name_kana, row.given_name_kana),
      address_key: foldAddress(row.address),
    } satisfies Insertable<ResidentTable>;
  });
  const resident = diff(residentRows, (r) => snapshot.residents.get(r.resident_id));

  const household = diff(plannedHouseholds(code, parsed, snapshot), (h) =>
    snapshot.households.get(h.household_id),
  );

  // 異動履歴: append the file's events that are not stored yet, then one 職権修正 per corrected resident.
  const nextSeq = new Map<number, number>();
  const takeSeq = (residentId: number) => {
    const next = (nextSeq.get(residentId) ?? snapshot.lastEventSeq.get(residentId) ?? 0) + 1;
    nextSeq.set(residentId, next);
    return next;
  };
  const storedEvents = new Map<number, Map<string, number>>();
  for (const [residentId, list] of snapshot.residentEvents) {
    const counts = new Map<string, number>();
    for (const e of list) counts.set(eventSignature(e), (counts.get(eventSignature(e)) ?? 0) + 1);
    storedEvents.set(residentId, counts);
  }
  const residentEvent: TablePlan<Insertable<ResidentEventTable>> = { insert: [], update: [], unchanged: 0 };
  for (const { row } of parsed['resident-events']?.rows ?? []) {
    const counts = storedEvents.get(row.resident_id);
    const signature = eventSignature(row);
    const left = counts?.get(signature) ?? 0;
    if (counts && left > 0) {
      counts.set(signature, left - 1);
      residentEvent.unchanged++;
      continue;
    }
    residentEvent.insert.push({ municipality_code: code, ...row, seq: takeSeq(row.resident_id) });
  }
  for (const row of resident.update) {
    residentEvent.insert.push({
      municipality_code: code,
      resident_id: row.resident_id,
      seq: takeSeq(row.resident_id),
      event_type: 'shokken_shusei',
      event_date: today,
      notified_on: null,
      // Which columns the import corrected; the values themselves are in the record.
      details: { source: 'import', fields: resident.changes.get(row) ?? [] },
    });
  }

  const koseki = diff(
    (parsed.koseki?.rows ?? []).map(({ row }) => ({
      municipality_code: code,
      ...row,
      honseki_key: foldAddress(row.honseki),
      hittosha_key: foldKanji(row.hittosha),
    })),
    (k) => snapshot.koseki.get(k.koseki_id),
  );
  const kosekiMember = diff(
    (parsed['koseki-members']?.rows ?? []).map(({ row }) => ({ municipality_code: code, ...row })),
    (m) => snapshot.kosekiMembers.get(memberKey(m.koseki_id, m.member_no)),
  );
  const kosekiEvent = diff(
    (parsed['koseki-events']?.rows ?? []).map(({ row }) => ({ municipality_code: code, ...row })),
    (e) => snapshot.kosekiEvents.get(entryKey(e.koseki_id, e.member_no, e.seq)),
  );
  const fuhyo = diff(
    (parsed.fuhyo?.rows ?? []).map(({ row }) => ({ municipality_code: code, ...row })),
    (f) => snapshot.fuhyo.get(entryKey(f.koseki_id, f.member_no, f.seq)),
  );
  const seal = diff(
    (parsed.seals?.rows ?? []).map(({ row }) => ({ municipality_code: code, ...row })),
    (s) => snapshot.seals.get(s.registration_no),
  );
  const tax = diff(
    (parsed.tax?.rows ?? []).map(({ row }) => ({ municipality_code: code, ...row })),
    (t) => snapshot.tax.get(taxKey(t.resident_id, t.tax_year)),
  );

  const plain = <Row>({ insert, update, unchanged }: TablePlan<Row>): TablePlan<Row> => ({
    insert,
    update,
    unchanged,
  });
  return {
    municipality: plain(municipality),
    household: plain(household),
    resident: plain(resident),
    resident_event: residentEvent,
    koseki: plain(koseki),
    koseki_member: plain(kosekiMember),
    koseki_event: plain(kosekiEvent),
    fuhyo_entry: plain(fuhyo),
    seal_registration: plain(seal),
    tax_record: plain(tax),
  };
}

/**
 * The households after the import: those of the file's rows and those its
 * rows leave. The head is the active 世帯主; a household whose members have
 * all left keeps its former head. 編製日 is the file's 世帯編成日, else the
 * stored one, else the earliest 住所を定めた年月日 of its members in the file.
 */
function plannedHouseholds(
  code: string,
  parsed: ParsedFiles,
  snapshot: Snapshot,
): Insertable<HouseholdTable>[] {
  const rows = parsed.residents?.rows ?? [];
  if (rows.length === 0) return [];
  const states = residentStates(parsed, snapshot);
  const touched = new Set<number>();
  const since = new Map<number, string>();
  const earliest = new Map<number, string>();
  for (const { row } of rows) {
    touched.add(row.household_id);
    const stored = snapshot.residents.get(row.resident_id);
    if (stored) touched.add(stored.household_id);
    if (row.household_since !== null && !since.has(row.household_id))
      since.set(row.household_id, row.household_since);
    const first = earliest.get(row.household_id);
    if (first === undefined || row.address_since < first) earliest.set(row.household_id, row.address_since);
  }
  const heads = new Map<number, { active: number[]; former: number[] }>();
  for (const state of states.values()) {
    if (!touched.has(state.household_id) || state.relationship !== HEAD_OF_HOUSEHOLD) continue;
    const entry = heads.get(state.household_id) ?? { active: [], former: [] };
    (state.status === 'active' ? entry.active : entry.former).push(state.resident_id);
    heads.set(state.household_id, entry);
  }
  return [...touched].map((householdId) => {
    const stored = snapshot.households.get(householdId);
    const found = heads.get(householdId);
    const head =
      found?.active[0] ?? stored?.head_resident_id ?? (found?.former.length === 1 ? found.former[0]! : null);
    return {
      municipality_code: code,
      household_id: householdId,
      head_resident_id: head,
      created_on: since.get(householdId) ?? stored?.created_on ?? earliest.get(householdId)!,
    };
  });
}
