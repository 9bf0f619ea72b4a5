import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, KosekiRegistrationStatus, KosekiUserRegistrationTable } from '../../../db/schema.js';
import type { RegisterLookup } from '../domain/candidates.js';

export type RegistrationRow = Selectable<KosekiUserRegistrationTable>;

/** The unique index that keeps one open application per card certificate and 本籍地. */
export const OPEN_APPLICATION_INDEX = 'koseki_user_registration_open';
export const IDEMPOTENCY_CONSTRAINT = 'koseki_user_registration_municipality_code_idempotency_key_key';

export async function insertRegistration(db: Kysely<DB>, row: Insertable<KosekiUserRegistrationTable>) {
  return db.insertInto('koseki_user_registration').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRegistration(db: Kysely<DB>, municipalityCode: string, registrationId: string) {
  return db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
}

/** The row locked until commit: two reviewers deciding at once are ordered here. */
export async function findRegistrationForUpdate(
  db: Kysely<DB>,
  municipalityCode: string,
  registrationId: string,
) {
  return db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('registration_id', '=', registrationId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findRegistrationByIdempotencyKey(
  db: Kysely<DB>,
  municipalityCode: string,
  idempotencyKey: string,
) {
  return db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function findOpenRegistration(
  db: Kysely<DB>,
  key: {
    municipalityCode: string;
    applicantMunicipalityCode: string;
    cardSerial: string;
    certificateSerial: string;
  },
) {
  return db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('municipality_code', '=', key.municipalityCode)
    .where('applicant_municipality_code', '=', key.applicantMunicipalityCode)
    .where('card_serial', '=', key.cardSerial)
    .where('certificate_serial', '=', key.certificateSerial)
    .where('status', 'in', ['pending', 'approved'])
    .executeTakeFirst();
}

export async function listRegistrations(
  db: Kysely<DB>,
  municipalityCode: string,
  status: KosekiRegistrationStatus,
  limit: number,
) {
  return db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', status)
    .orderBy('applied_at', 'asc')
    .orderBy('registration_id', 'asc')
    .limit(limit)
    .execute();
}

/** Records a decision on a pending row only; returns nothing when it was no longer pending. */
export async function decideRegistration(
  db: Kysely<DB>,
  municipalityCode: string,
  registrationId: string,
  decision: Updateable<KosekiUserRegistrationTable>,
) {
  return db
    .updateTable('koseki_user_registration')
    .set(decision)
    .where('municipality_code', '=', municipalityCode)
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Every registration of one card, at one 本籍地 or (without `municipalityCode`)
 * everywhere, newest first. The everywhere form crosses tenants: under Citus it
 * asks every shard, which the kiosk menu accepts for one card's few rows.
 */
export async function listCardRegistrations(
  db: Kysely<DB>,
  key: { municipalityCode?: string; applicantMunicipalityCode: string; cardSerial: string },
) {
  let query = db
    .selectFrom('koseki_user_registration')
    .selectAll()
    .where('applicant_municipality_code', '=', key.applicantMunicipalityCode)
    .where('card_serial', '=', key.cardSerial);
  if (key.municipalityCode !== undefined) query = query.where('municipality_code', '=', key.municipalityCode);
  return query.orderBy('applied_at', 'desc').execute();
}

/** The serial of the 利用者証明用電子証明書 the card holds now, as recorded by the card's municipality. */
export async function findCardCertificateSerial(
  db: Kysely<DB>,
  municipalityCode: string,
  cardSerial: string,
) {
  const row = await db
    .selectFrom('mynumber_card')
    .select('certificate_serial')
    .where('municipality_code', '=', municipalityCode)
    .where('card_serial', '=', cardSerial)
    .executeTakeFirst();
  return row?.certificate_serial;
}

/** More registers with one 本籍 and one 筆頭者 than this would be a data error; the reviewer sees the first ones. */
const REGISTER_LOOKUP_LIMIT = 50;

/**
 * The registers of the municipality with the typed 本籍 and 筆頭者 (folded
 * keys), with their members; and whether the 本籍 alone exists, which tells
 * the reviewer which of the two was mistyped.
 */
export async function findRegistersByKeys(
  db: Kysely<DB>,
  municipalityCode: string,
  keys: { honsekiKey: string; hittoshaKey: string },
): Promise<RegisterLookup> {
  const registers = await db
    .selectFrom('koseki')
    .select(['koseki_id', 'honseki', 'hittosha', 'honseki_key', 'hittosha_key', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('honseki_key', '=', keys.honsekiKey)
    .where('hittosha_key', '=', keys.hittoshaKey)
    .orderBy('koseki_id')
    .limit(REGISTER_LOOKUP_LIMIT)
    .execute();
  const atHonseki = await db
    .selectFrom('koseki')
    .select('koseki_id')
    .where('municipality_code', '=', municipalityCode)
    .where('honseki_key', '=', keys.honsekiKey)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  const ids = registers.map((r) => r.koseki_id);
  const members = ids.length
    ? await db
        .selectFrom('koseki_member')
        .select([
          'koseki_id',
          'member_no',
          'family_name',
          'given_name',
          'birth_date',
          'sex',
          'relationship',
          'status',
        ])
        .where('municipality_code', '=', municipalityCode)
        .where('koseki_id', 'in', ids)
        .orderBy('koseki_id')
        .orderBy('member_no')
        .execute()
    : [];
  return {
    registers: registers.map((r) => ({
      ...r,
      members: members
        .filter((m) => m.koseki_id === r.koseki_id)
        .map(({ koseki_id: _, ...member }) => member),
    })),
    honsekiFound: atHonseki !== undefined,
  };
}

/** The members of one register, for the kiosk's 個人事項 choice. */
export async function listRegisterMembers(db: Kysely<DB>, municipalityCode: string, kosekiId: number) {
  return db
    .selectFrom('koseki_member')
    .select(['member_no', 'family_name', 'given_name', 'relationship', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('koseki_id', '=', kosekiId)
    .orderBy('member_no')
    .execute();
}
