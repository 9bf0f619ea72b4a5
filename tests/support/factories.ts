import type { Insertable, Kysely } from 'kysely';
import { PNG } from 'pngjs';
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

const GIVEN_NAMES = [
  '太郎',
  '花子',
  '一郎',
  '葛\u{E0100}子',
  '次郎',
  '﨑美',
  '三郎',
  '春子',
  '四郎',
  '夏美',
  '五郎',
  '秋子',
];
const RELATIONSHIPS = ['世帯主', '妻', '子', '子', '子', '子', '母', '父', '子の妻', '孫', '孫', '同居人'];
const KOSEKI_RELATIONS = ['夫', '妻', '長男', '長女', '二男', '二女', '三男', '三女', '四男', '四女'];

/**
 * A household of `size` people living together, the 戸籍 of the family with
 * its events and 附票, a seal registration and tax records of the head.
 */
export async function newFamily(
  db: Kysely<DB>,
  options: { size?: number; familyName?: string; familyKana?: string; registerSize?: number } = {},
) {
  const size = options.size ?? 4;
  const familyName = options.familyName ?? '𠮷田';
  const familyKana = options.familyKana ?? 'ヨシダ';
  const householdId = await newHousehold(db);
  const members: Insertable<ResidentTable>[] = [];
  for (let i = 0; i < size; i++) {
    const member = await newResident(db, {
      household_id: householdId,
      relationship: RELATIONSHIPS[i % RELATIONSHIPS.length]!,
      family_name: familyName,
      given_name: GIVEN_NAMES[i % GIVEN_NAMES.length]!,
      family_name_kana: familyKana,
      given_name_kana: 'タロウ',
      birth_date: `${1960 + i * 3}-0${(i % 9) + 1}-1${i % 10}`,
      sex: i % 2 === 0 ? 'M' : 'F',
      address: '見本県見本市本町二丁目3番4号',
      katagaki: 'みほんハイツ101号室',
      previous_address: '東京都千代田区千代田1番1号',
      hittosha: `${familyName}　太郎`,
    });
    members.push(member);
  }
  await db
    .updateTable('household')
    .set({ head_resident_id: members[0]!.resident_id })
    .where('household_id', '=', householdId)
    .execute();
  const kosekiId = next();
  await db
    .insertInto('koseki')
    .values({
      municipality_code: '999997',
      koseki_id: kosekiId,
      honseki: '見本県見本市本町二丁目3番地',
      hittosha: `${familyName}　太郎`,
      honseki_key: foldAddress('見本県見本市本町二丁目3番地'),
      hittosha_key: nameKey(familyName, '太郎'),
      compiled_on: '1985-06-01',
      closed_on: null,
      closed_reason: null,
    })
    .execute();
  const registerSize = options.registerSize ?? Math.min(size, 10);
  for (let i = 0; i < registerSize; i++) {
    const resident = members[i];
    await db
      .insertInto('koseki_member')
      .values({
        municipality_code: '999997',
        koseki_id: kosekiId,
        member_no: i + 1,
        family_name: familyName,
        given_name: resident?.given_name ?? GIVEN_NAMES[i % GIVEN_NAMES.length]!,
        birth_date: resident?.birth_date ?? `${1985 + i}-05-05`,
        sex: i % 2 === 0 ? 'M' : 'F',
        father_name: i < 2 ? '山田　一' : `${familyName}　太郎`,
        mother_name: i < 2 ? '山田　花' : `${familyName}　花子`,
        relationship: KOSEKI_RELATIONS[i % KOSEKI_RELATIONS.length]!,
        status: i === registerSize - 1 && registerSize > 2 ? 'removed' : 'in',
        removed_reason: i === registerSize - 1 && registerSize > 2 ? '婚姻' : null,
        resident_id: resident?.resident_id ?? null,
        juminhyo_code: resident?.juminhyo_code ?? null,
      })
      .execute();
    await db
      .insertInto('koseki_event')
      .values({
        municipality_code: '999997',
        koseki_id: kosekiId,
        member_no: i + 1,
        seq: 1,
        event_type: 'shussei',
        event_date: resident?.birth_date ?? `${1985 + i}-05-05`,
        details: JSON.stringify({ birthplace: '見本県見本市', notifier: '父', notifiedOn: '1990-01-10' }),
      })
      .execute();
    await db
      .insertInto('fuhyo_entry')
      .values({
        municipality_code: '999997',
        koseki_id: kosekiId,
        member_no: i + 1,
        seq: 1,
        address: '見本県見本市本町二丁目3番4号',
        address_since: '2010-04-01',
      })
      .execute();
  }
  await db
    .insertInto('koseki_event')
    .values({
      municipality_code: '999997',
      koseki_id: kosekiId,
      member_no: 0,
      seq: 1,
      event_type: 'hensei',
      event_date: '1985-06-01',
      details: JSON.stringify({ reason: '婚姻' }),
    })
    .execute();
  const png = new PNG({ width: 32, height: 32 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = 200;
    png.data[i + 3] = (i / 4) % 7 === 0 ? 255 : 0;
  }
  const registrationNo = next();
  await db
    .insertInto('seal_registration')
    .values({
      municipality_code: '999997',
      registration_no: registrationNo,
      resident_id: members[0]!.resident_id,
      card_no: `S-${registrationNo}`,
      impression_png: PNG.sync.write(png),
      registered_on: '2012-01-05',
      abolished_on: null,
      abolished_reason: null,
    })
    .execute();
  for (const [taxYear, status] of [
    [2025, 'assessed'],
    [2024, 'exempt'],
    [2023, 'undeclared'],
  ] as const) {
    await db
      .insertInto('tax_record')
      .values({
        municipality_code: '999997',
        resident_id: members[0]!.resident_id,
        tax_year: taxYear,
        status,
        salary_income: status === 'assessed' ? 5_000_000 : 0,
        salary_deduction_net: status === 'assessed' ? 3_560_000 : 0,
        other_income: 0,
        total_income: status === 'assessed' ? 3_560_000 : 0,
        deductions_total: status === 'assessed' ? 1_200_000 : 0,
        taxable_income: status === 'assessed' ? 2_360_000 : 0,
        municipal_tax: status === 'assessed' ? 145_100 : 0,
        prefectural_tax: status === 'assessed' ? 95_900 : 0,
        dependents: 1,
      })
      .execute();
  }
  return { householdId, members, kosekiId };
}

/**
 * A 改製原戸籍: the paper register that the computerised one replaced on `kaiseiOn`
 * (平成6年法務省令第51号附則第2条第1項による改製), as the seeder writes them. The 筆頭者
 * and his wife head it; `children` (resident records) follow as 長男, 長女 …; a daughter
 * who married away before the 改製 is on it with the 除籍 mark.
 */
export async function newKaiseigenRegister(
  db: Kysely<DB>,
  options: {
    familyName?: string;
    children?: Insertable<ResidentTable>[];
    honseki?: string;
    compiledOn?: string;
    kaiseiOn?: string;
  } = {},
) {
  const familyName = options.familyName ?? '𠮷田';
  const honseki = options.honseki ?? '見本県見本市本町五丁目1番地';
  const compiledOn = options.compiledOn ?? '1955-04-01';
  const kaiseiOn = options.kaiseiOn ?? '1996-03-01';
  const hittosha = `${familyName}　太一`;
  const kosekiId = next();
  await db
    .insertInto('koseki')
    .values({
      municipality_code: '999997',
      koseki_id: kosekiId,
      honseki,
      hittosha,
      honseki_key: foldAddress(honseki),
      hittosha_key: nameKey(familyName, '太一'),
      status: 'kaisei_gen',
      compiled_on: compiledOn,
      closed_on: kaiseiOn,
      closed_reason: '改製',
    })
    .execute();
  // The daughter who married away is the 長女; the children given follow in birth order.
  const order = { M: ['長男', '二男', '三男', '四男', '五男'], F: ['二女', '三女', '四女', '五女'] };
  const born = { M: 0, F: 0 };
  const people = [
    {
      given: '太一',
      birth: '1930-02-11',
      sex: 'M' as const,
      relationship: '夫',
      parents: [`${familyName}　松`, `${familyName}　梅`],
    },
    {
      given: '﨑子',
      birth: '1933-07-07',
      sex: 'F' as const,
      relationship: '妻',
      parents: ['山田　竹', '山田　菊'],
    },
    ...(options.children ?? []).map((child) => ({
      given: child.given_name,
      birth: child.birth_date,
      sex: (child.sex ?? 'M') as 'M' | 'F',
      relationship: order[child.sex === 'F' ? 'F' : 'M'][born[child.sex === 'F' ? 'F' : 'M']++]!,
      parents: [hittosha, `${familyName}　﨑子`],
      resident: child,
    })),
    {
      given: '嫁子',
      birth: '1958-12-01',
      sex: 'F' as const,
      relationship: '長女',
      parents: [hittosha, `${familyName}　﨑子`],
      marriedAway: '1982-05-05',
    },
  ];
  const event = (
    memberNo: number,
    seq: number,
    type: DB['koseki_event']['event_type'],
    date: string,
    details: object,
  ) =>
    db
      .insertInto('koseki_event')
      .values({
        municipality_code: '999997',
        koseki_id: kosekiId,
        member_no: memberNo,
        seq,
        event_type: type,
        event_date: date,
        details: JSON.stringify(details),
      })
      .execute();
  for (const [i, p] of people.entries()) {
    const resident = 'resident' in p ? p.resident : undefined;
    const marriedAway = 'marriedAway' in p ? p.marriedAway : undefined;
    await db
      .insertInto('koseki_member')
      .values({
        municipality_code: '999997',
        koseki_id: kosekiId,
        member_no: i + 1,
        family_name: familyName,
        given_name: p.given,
        birth_date: p.birth,
        sex: p.sex,
        father_name: p.parents[0]!,
        mother_name: p.parents[1]!,
        relationship: p.relationship,
        status: marriedAway ? 'removed' : 'in',
        removed_reason: marriedAway ? '婚姻' : null,
        resident_id: resident?.resident_id ?? null,
        juminhyo_code: resident?.juminhyo_code ?? null,
      })
      .execute();
    await event(i + 1, 1, 'shussei', p.birth, { birthplace: '見本県見本市', notifier: '父' });
    if (marriedAway)
      await event(i + 1, 2, 'konin', marriedAway, {
        spouse: '山川　一',
        newRegister: '見本県見本市本町六丁目2番地',
      });
  }
  await event(0, 1, 'hensei', compiledOn, { reason: '婚姻' });
  await event(0, 2, 'kaisei', kaiseiOn, {
    reason: '平成6年法務省令第51号附則第2条第1項による改製につき消除',
  });
  return { kosekiId, honseki, hittosha, kaiseiOn };
}
