import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** 戸籍 with its members, events and 附票, in register order. */
export async function findKoseki(db: Kysely<DB>, municipalityCode: string, kosekiId: number) {
  const koseki = await db
    .selectFrom('koseki')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('koseki_id', '=', kosekiId)
    .executeTakeFirst();
  if (!koseki) return undefined;
  const [members, events, fuhyo] = await Promise.all([
    db
      .selectFrom('koseki_member')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('koseki_id', '=', kosekiId)
      .orderBy('member_no')
      .execute(),
    db
      .selectFrom('koseki_event')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('koseki_id', '=', kosekiId)
      .orderBy('member_no')
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('fuhyo_entry')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('koseki_id', '=', kosekiId)
      .orderBy('member_no')
      .orderBy('seq')
      .execute(),
  ]);
  return { koseki, members, events, fuhyo };
}

/** The registers a resident appears in (by link), newest first. */
export async function findKosekiIdsOfResident(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  const rows = await db
    .selectFrom('koseki_member')
    .innerJoin('koseki', (join) =>
      join
        .onRef('koseki.municipality_code', '=', 'koseki_member.municipality_code')
        .onRef('koseki.koseki_id', '=', 'koseki_member.koseki_id'),
    )
    .select([
      'koseki_member.koseki_id',
      'koseki_member.member_no',
      'koseki_member.status',
      'koseki.status as koseki_status',
    ])
    .where('koseki_member.municipality_code', '=', municipalityCode)
    .where('koseki_member.resident_id', '=', residentId)
    .orderBy('koseki_member.koseki_id', 'desc')
    .execute();
  return rows;
}

export async function findActiveSeal(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  return db
    .selectFrom('seal_registration')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function findTaxRecord(
  db: Kysely<DB>,
  municipalityCode: string,
  residentId: number,
  taxYear: number,
) {
  return db
    .selectFrom('tax_record')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .where('tax_year', '=', taxYear)
    .executeTakeFirst();
}

export async function listCardsOfResident(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  return db
    .selectFrom('mynumber_card')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .orderBy('issued_on', 'desc')
    .execute();
}

export async function findMunicipality(db: Kysely<DB>, code: string) {
  return db.selectFrom('municipality').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listMunicipalities(db: Kysely<DB>) {
  return db
    .selectFrom('municipality')
    .select(['code', 'name', 'name_kana', 'prefecture'])
    .orderBy('code')
    .execute();
}
