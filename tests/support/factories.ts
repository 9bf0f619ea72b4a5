import type { Insertable, Kysely } from 'kysely';
import type { DB, ResidentTable } from '../../src/db/schema.js';
import { withJuminhyoCheck, withMyNumberCheck } from '../../src/domain/check-digits.js';
import { foldAddress, kanaKey, nameKey } from '../../src/domain/text-fold.js';

/**
 * Small factories for tests: each call makes a new, valid record with unique
 * identifiers; pass only what the test cares about.
 */
let counter = 0;
const next = () => ++counter + Math.floor(Math.random() * 1_000_000) * 1000;

export async function newMunicipality(db: Kysely<DB>, code = '999997') {
  await db
    .insertInto('municipality')
    .values({
      code,
      name: '見本市',
      name_kana: 'みほんし',
      prefecture: '見本県',
      mayor_name: '見本　太郎',
      office_address: '見本県見本市本町一丁目1番1号',
      postal_code: '9999999',
      phone: '0000-00-0000',
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return code;
}

export async function newHousehold(db: Kysely<DB>, municipalityCode = '999997') {
  const householdId = next();
  await db
    .insertInto('household')
    .values({
      municipality_code: municipalityCode,
      household_id: householdId,
      head_resident_id: null,
      created_on: '2020-04-01',
    })
    .execute();
  return householdId;
}

export async function newResident(
  db: Kysely<DB>,
  overrides: Partial<Insertable<ResidentTable>> & { municipality_code?: string } = {},
) {
  const municipalityCode = overrides.municipality_code ?? '999997';
  const householdId = overrides.household_id ?? (await newHousehold(db, municipalityCode));
  const id = next();
  const familyName = overrides.family_name ?? '見本';
  const givenName = overrides.given_name ?? '花子';
  const familyKana = overrides.family_name_kana ?? 'ミホン';
  const givenKana = overrides.given_name_kana ?? 'ハナコ';
  const address = overrides.address ?? '見本県見本市本町二丁目3番4号';
  const row: Insertable<ResidentTable> = {
    municipality_code: municipalityCode,
    resident_id: id,
    juminhyo_code: withJuminhyoCheck(String(id).padStart(10, '0').slice(-10)),
    kojin_bango: withMyNumberCheck(
      String(id * 7)
        .padStart(11, '0')
        .slice(-11),
    ),
    household_id: householdId,
    relationship: '世帯主',
    family_name: familyName,
    given_name: givenName,
    family_name_kana: familyKana,
    given_name_kana: givenKana,
    name_key: nameKey(familyName, givenName),
    kana_key: kanaKey(familyKana, givenKana),
    birth_date: '1980-04-01',
    sex: 'F',
    postal_code: '9999999',
    address,
    katagaki: null,
    address_key: foldAddress(address),
    resident_since: '1980-04-01',
    address_since: '2010-04-01',
    notified_on: '2010-04-05',
    previous_address: null,
    honseki: '見本県見本市本町二丁目3番地',
    hittosha: familyName + '　一郎',
    removed_on: null,
    removal_reason: null,
    moved_to_address: null,
    nationality: null,
    residence_status: null,
    residence_period_end: null,
    tsusho: null,
    name_alphabet: null,
    ...overrides,
  };
  await db.insertInto('resident').values(row).execute();
  return row;
}
