import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DB } from '../../src/db/schema.js';
import {
  withJuminhyoCheck,
  withMunicipalityCheck,
  withMyNumberCheck,
} from '../../src/domain/check-digits.js';
import { nameKey } from '../../src/domain/text-fold.js';
import { formatCsvRecord, parseCsv } from '../../src/registry/import/csv.js';
import { runImportCommand } from '../../src/registry/import/import-command.js';
import {
  type ImportRegistriesOptions,
  importRegistries,
} from '../../src/registry/import/import-registries.js';
import {
  FILE_SPECS,
  IMPORT_KINDS,
  type ImportFile,
  type ImportKind,
} from '../../src/registry/import/read-import-files.js';
import { type AppError, isAppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
const TODAY = '2024-02-09';
const SAMPLE_TOWN = '999997';

function sampleFiles(): Partial<Record<ImportKind, ImportFile>> {
  const files: Partial<Record<ImportKind, ImportFile>> = {};
  for (const kind of IMPORT_KINDS) {
    const name = `${kind}.csv`;
    files[kind] = { name, bytes: readFileSync(join(SAMPLES, name)), dir: SAMPLES };
  }
  return files;
}

const TABLES = [
  'household',
  'resident',
  'resident_event',
  'koseki',
  'koseki_member',
  'koseki_event',
  'fuhyo_entry',
  'seal_registration',
  'tax_record',
] as const;

async function rowCounts(db: Kysely<DB>, code: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const town = await sql<{
    n: number;
  }>`select count(*)::int as n from municipality where code = ${code}`.execute(db);
  counts.municipality = town.rows[0]!.n;
  for (const table of TABLES) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
      where municipality_code = ${code}`.execute(db);
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

async function versions(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('resident')
    .select(['resident_id', 'version', 'updated_at'])
    .where('municipality_code', '=', code)
    .orderBy('resident_id')
    .execute();
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('the import was expected to be refused');
}

// ---- factories: a fresh municipality per test, rows with valid identifiers ----

let townSeq = 20_000;
const newTownCode = () => withMunicipalityCheck(String(townSeq++));
let personSeq = 1;

function municipalityRow(code: string): Record<string, string> {
  return {
    code,
    name: '試験町',
    name_kana: 'シケンチョウ',
    prefecture: '見本県',
    mayor_title: '町長',
    mayor_name: '試験 太郎',
    office_address: '見本県試験町1番地',
    postal_code: '9999990',
    phone: '0999-00-0000',
  };
}

function newResident(overrides: Record<string, string> = {}): Record<string, string> {
  const n = personSeq++;
  return {
    resident_id: String(n),
    household_id: String(n),
    relationship: '世帯主',
    juminhyo_code: withJuminhyoCheck(String(5_000_000_000 + n)),
    kojin_bango: withMyNumberCheck(String(50_000_000_000 + n)),
    family_name: '山田',
    given_name: '太郎',
    family_name_kana: 'ヤマダ',
    given_name_kana: 'タロウ',
    birth_date: '1970-01-01',
    sex: 'M',
    postal_code: '9999990',
    address: '見本県試験町1番地',
    resident_since: '2000-04-01',
    address_since: '2000-04-01',
    ...overrides,
  };
}

/** Rows to CSV with the union of their keys as the (English) header. */
function toCsv(
  rows: Record<string, string>[],
  header = [...new Set(rows.flatMap((r) => Object.keys(r)))],
): string {
  const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return (
    [header.join(','), ...rows.map((r) => header.map((k) => quote(r[k] ?? '')).join(','))].join('\r\n') +
    '\r\n'
  );
}

const file = (name: string, text: string | Uint8Array): ImportFile => ({
  name,
  bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text,
});

/** Shift_JIS (Windows-31J) encoder built from the platform decoder, for test input only. */
function shiftJis(text: string): Uint8Array {
  const decoder = new TextDecoder('shift_jis');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0xff61 && code <= 0xff9f) out.push(code - 0xff61 + 0xa1);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`not in Shift_JIS: U+${code.toString(16)}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describeOnDrivers('madoguchi import', (ctx) => {
  const run = (options: Omit<ImportRegistriesOptions, 'today'>) =>
    importRegistries(ctx.database.db, { today: TODAY, ...options });

  it('imports the sample set of 見本市 and stores every value exactly', async () => {
    const { db } = ctx.database;
    const report = await run({ municipalityCode: SAMPLE_TOWN, files: sampleFiles() });
    expect(report.tables).toMatchObject({
      municipality: { inserted: 1, updated: 0, unchanged: 0 },
      household: { inserted: 4 },
      resident: { inserted: 7 },
      resident_event: { inserted: 9 },
      koseki: { inserted: 2 },
      koseki_member: { inserted: 5 },
      koseki_event: { inserted: 10 },
      fuhyo_entry: { inserted: 4 },
      seal_registration: { inserted: 3 },
      tax_record: { inserted: 3 },
    });
    expect(await rowCounts(db, SAMPLE_TOWN)).toEqual({
      municipality: 1,
      household: 4,
      resident: 7,
      resident_event: 9,
      koseki: 2,
      koseki_member: 5,
      koseki_event: 10,
      fuhyo_entry: 4,
      seal_registration: 3,
      tax_record: 3,
    });

    const residents = new Map(
      (
        await db.selectFrom('resident').selectAll().where('municipality_code', '=', SAMPLE_TOWN).execute()
      ).map((r) => [r.resident_id, r]),
    );
    // 𠮷 (U+20BB7, outside the BMP) and 葛 + U+E0100 (an IVS) survive byte for byte.
    const yoshida = residents.get(9000001)!;
    expect(hex(yoshida.family_name)).toBe('f0a0aeb7e794b0');
    expect(yoshida.name_key).toBe(nameKey('𠮷田', '一郎'));
    expect(yoshida.name_key).toBe('吉田一郎');
    expect(yoshida.birth_date).toBe('1980-04-01'); // 昭和55年4月1日
    expect(yoshida.hittosha).toBe('\u{20BB7}田一郎');
    const kasai = residents.get(9000004)!;
    expect(hex(kasai.family_name)).toBe('e8919bf3a08480e8a5bf');
    expect(kasai.katagaki).toBe('見本コーポ, 201号室');
    expect(kasai.support_measure).toBe(true);
    expect(residents.get(9000002)!.resident_since).toBe('2010-05-01'); // 平成22年5月1日
    expect(residents.get(9000003)!.birth_date).toBe('2020-06-03'); // R2.6.3
    expect(residents.get(9000003)!.kojin_bango).toBeNull();
    // A foreign resident.
    expect(residents.get(9000006)).toMatchObject({
      is_foreign: true,
      nationality: 'アメリカ合衆国',
      residence_status: '技術・人文知識・国際業務',
      residence_period_end: '2027-03-31',
      name_alphabet: 'SMITH JOHN',
      honseki: null,
      sex: 'M',
      status: 'active',
      version: 1,
    });
    // 除票: deceased (with a reason across two lines) and moved out.
    expect(residents.get(9000005)).toMatchObject({
      status: 'deceased',
      removed_on: '2023-12-01',
      removal_reason: '死亡\n（見本市立病院にて）',
    });
    expect(residents.get(9000007)).toMatchObject({
      status: 'moved_out',
      removed_on: '2023-03-31',
      moved_to_address: '東京都新宿区西新宿二丁目8番1号',
    });

    const households = await db
      .selectFrom('household')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .orderBy('household_id')
      .execute();
    expect(households.map((h) => [h.household_id, h.head_resident_id, h.created_on])).toEqual([
      [9000001, 9000001, '2010-05-01'],
      [9000002, 9000004, '2015-04-01'],
      [9000003, 9000006, '2022-04-01'],
      [9000004, 9000007, '2012-01-10'],
    ]);

    const koseki = await db
      .selectFrom('koseki')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .execute();
    expect(koseki.find((k) => k.koseki_id === 9000002)).toMatchObject({
      status: 'closed',
      compiled_on: '1965-05-01',
      closed_on: '2023-12-10',
      hittosha: '髙橋正',
      hittosha_key: '高橋正',
    });
    const members = await db
      .selectFrom('koseki_member')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .where('koseki_id', '=', 9000001)
      .orderBy('member_no')
      .execute();
    expect(members.map((m) => [m.member_no, m.given_name, m.relationship, m.resident_id])).toEqual([
      [1, '一郎', '長男', 9000001],
      [2, '花子', '長女', 9000002],
      [3, '翔太', '長男', 9000003],
    ]);
    const marriage = await db
      .selectFrom('koseki_event')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .where('koseki_id', '=', 9000001)
      .where('member_no', '=', 2)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(marriage).toMatchObject({ event_type: 'konin', event_date: '2010-04-20' });
    expect(marriage.details).toEqual({ spouse: '\u{20BB7}田一郎', from_honseki: '東京都千代田区' });
    const fuhyo = await db
      .selectFrom('fuhyo_entry')
      .select(['seq', 'address', 'address_since'])
      .where('municipality_code', '=', SAMPLE_TOWN)
      .where('koseki_id', '=', 9000001)
      .where('member_no', '=', 1)
      .orderBy('seq')
      .execute();
    expect(fuhyo.map((f) => f.address_since)).toEqual(['2005-04-01', '2010-05-01']);

    const seals = await db
      .selectFrom('seal_registration')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .orderBy('registration_no')
      .execute();
    expect(
      Buffer.from(seals[0]!.impression_png).equals(readFileSync(join(SAMPLES, 'seals/yoshida.png'))),
    ).toBe(true);
    const inline = readFileSync(join(SAMPLES, 'seals.csv'), 'utf8').match(/base64,([A-Za-z0-9+/=]+)/)![1]!;
    expect(Buffer.from(seals[1]!.impression_png).equals(Buffer.from(inline, 'base64'))).toBe(true);
    expect(seals[2]).toMatchObject({
      status: 'abolished',
      abolished_on: '2023-03-31',
      abolished_reason: '転出',
    });

    const tax = await db
      .selectFrom('tax_record')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .orderBy('resident_id')
      .execute();
    expect(tax.map((t) => [t.resident_id, t.tax_year, t.status, t.total_income, t.municipal_tax])).toEqual([
      [9000001, 2024, 'assessed', 4_360_000, 171_600],
      [9000002, 2024, 'exempt', 450_000, 0],
      [9000006, 2024, 'undeclared', 0, 0],
    ]);
    const events = await db
      .selectFrom('resident_event')
      .select(['resident_id', 'seq', 'event_type'])
      .where('municipality_code', '=', SAMPLE_TOWN)
      .where('resident_id', '=', 9000007)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { resident_id: 9000007, seq: 1, event_type: 'tennyu' },
      { resident_id: 9000007, seq: 2, event_type: 'tenshutsu' },
    ]);
  });

  it('re-importing the same files changes nothing: no version or updated_at moves', async () => {
    const { db } = ctx.database;
    const before = await versions(db, SAMPLE_TOWN);
    const counts = await rowCounts(db, SAMPLE_TOWN);
    const report = await run({ municipalityCode: SAMPLE_TOWN, files: sampleFiles() });
    for (const [table, c] of Object.entries(report.tables)) {
      expect({ table, inserted: c.inserted, updated: c.updated }).toEqual({ table, inserted: 0, updated: 0 });
    }
    expect(report.tables.resident.unchanged).toBe(7);
    expect(report.tables.seal_registration.unchanged).toBe(3);
    expect(await versions(db, SAMPLE_TOWN)).toEqual(before);
    expect(await rowCounts(db, SAMPLE_TOWN)).toEqual(counts);
  });

  it('a changed row updates its record, bumps its version and records a 職権修正', async () => {
    const { db } = ctx.database;
    const original = readFileSync(join(SAMPLES, 'residents.csv'), 'utf8');
    const changed = original.replaceAll('見本コーポ, 201号室', '見本コーポ, 202号室');
    expect(changed).not.toBe(original);
    const dry = await run({
      municipalityCode: SAMPLE_TOWN,
      files: { residents: file('residents.csv', changed) },
      dryRun: true,
    });
    expect(dry.tables.resident).toEqual({ inserted: 0, updated: 2, unchanged: 5 });
    expect((await versions(db, SAMPLE_TOWN)).every((v) => v.version === 1)).toBe(true);

    const report = await run({
      municipalityCode: SAMPLE_TOWN,
      files: { residents: file('residents.csv', changed) },
    });
    expect(report.tables.resident).toEqual({ inserted: 0, updated: 2, unchanged: 5 });
    expect(report.tables.resident_event).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const after = new Map((await versions(db, SAMPLE_TOWN)).map((v) => [v.resident_id, v.version]));
    expect([after.get(9000004), after.get(9000005), after.get(9000001)]).toEqual([2, 2, 1]);
    const correction = await db
      .selectFrom('resident_event')
      .selectAll()
      .where('municipality_code', '=', SAMPLE_TOWN)
      .where('resident_id', '=', 9000004)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(correction).toMatchObject({ seq: 2, event_type: 'shokken_shusei', event_date: TODAY });
    expect(correction.details).toEqual({ source: 'import', fields: ['katagaki'] });

    // Once more: now identical, so nothing moves.
    const again = await run({
      municipalityCode: SAMPLE_TOWN,
      files: { residents: file('residents.csv', changed) },
    });
    expect(again.tables.resident).toEqual({ inserted: 0, updated: 0, unchanged: 7 });
    expect(again.tables.resident_event.inserted).toBe(0);
  });

  it('one bad row in one file imports nothing at all, and every problem names its file, line and column', async () => {
    const { db } = ctx.database;
    const before = await rowCounts(db, SAMPLE_TOWN);
    const beforeVersions = await versions(db, SAMPLE_TOWN);
    const good = newResident({ resident_id: '9000100', household_id: '9000100' });
    const badCode = newResident({ resident_id: '9000101', household_id: '9000101' });
    badCode.juminhyo_code =
      badCode.juminhyo_code!.slice(0, 10) + ((Number(badCode.juminhyo_code!.at(-1)) + 1) % 10);
    const badNumber = newResident({ resident_id: '9000102', household_id: '9000102' });
    badNumber.kojin_bango =
      badNumber.kojin_bango!.slice(0, 11) + ((Number(badNumber.kojin_bango!.at(-1)) + 1) % 10);
    const error = await rejection(
      run({
        municipalityCode: SAMPLE_TOWN,
        files: {
          residents: file('residents.csv', toCsv([good, badCode, badNumber])),
          // Valid on its own, and refers to a resident in the database: still not written.
          tax: file(
            'tax.csv',
            toCsv([
              { resident_id: '9000001', tax_year: '2025', status: 'exempt' },
              { resident_id: '123', tax_year: '2025', status: 'exempt' },
            ]),
          ),
        },
      }),
    );
    expect(error.code).toBe('import_rejected');
    expect(error.details.map((d) => d.at)).toEqual([
      'residents.csv:3:juminhyo_code',
      'residents.csv:4:kojin_bango',
      'tax.csv:3:resident_id',
    ]);
    expect(error.details[0]!.ja).toContain('residents.csv 3行目「住民票コード」');
    expect(error.details[0]!.en).toContain('residents.csv line 3, column juminhyo_code: the check digit');
    expect(error.details[1]!.en).toContain('line 4, column kojin_bango: the check digit');
    // Messages never echo a cell's value.
    for (const d of error.details) expect(`${d.ja}${d.en}`).not.toContain(badCode.juminhyo_code!);
    expect(await rowCounts(db, SAMPLE_TOWN)).toEqual(before);
    expect(await versions(db, SAMPLE_TOWN)).toEqual(beforeVersions);
  });

  it('reads Shift_JIS (Windows-31J, with 髙 from the IBM extension) when asked, and refuses it as UTF-8 with the line', async () => {
    const { db } = ctx.database;
    const town = newTownCode();
    const head = newResident({ family_name: '髙橋', family_name_kana: 'ﾀｶﾊｼ', katagaki: '﨑山ハイツ, 3号' });
    const japaneseHeader = Object.keys(head).map(
      (key) => FILE_SPECS.residents.columns.find((c) => c.key === key)!.ja,
    );
    const csv = toCsv([head]).replace(/^[^\r]*/, japaneseHeader.join(','));
    const bytes = shiftJis(csv);
    const municipality = file('municipality.csv', shiftJis(toCsv([municipalityRow(town)])));
    const asUtf8 = await rejection(
      run({ municipalityCode: town, files: { municipality, residents: file('residents.csv', bytes) } }),
    );
    expect(asUtf8.details.map((d) => d.at)).toContain('municipality.csv:2');
    expect(asUtf8.details.find((d) => d.at === 'residents.csv:1')?.en).toMatch(
      /line 1 has bytes that are not valid UTF-8/,
    );

    const report = await run({
      municipalityCode: town,
      files: { municipality, residents: file('residents.csv', bytes) },
      encoding: 'sjis',
    });
    expect(report.tables.resident.inserted).toBe(1);
    const stored = await db
      .selectFrom('resident')
      .selectAll()
      .where('municipality_code', '=', town)
      .executeTakeFirstOrThrow();
    expect([stored.family_name, stored.family_name_kana, stored.katagaki]).toEqual([
      '髙橋',
      'ﾀｶﾊｼ',
      '﨑山ハイツ, 3号',
    ]);
    expect(stored.name_key).toBe('高橋太郎');
    expect(stored.kana_key).toBe('タカハシタロウ');
  });

  it('accepts English or Japanese headers in any order and parses quoted commas, quotes and line breaks', async () => {
    const { db } = ctx.database;
    const town = newTownCode();
    const r = newResident({
      address: '見本県試験町2番地, "東棟"',
      status: 'moved_out',
      removed_on: '令和元年5月1日',
      removal_reason: '転出\r\n（届出による）',
      moved_to_address: '東京都千代田区1番地',
      relationship: '世帯主',
    });
    const header = [
      'removal_reason',
      '氏',
      'given_name',
      ...Object.keys(r).filter((k) => !['removal_reason', 'family_name', 'given_name'].includes(k)),
    ];
    const rows = toCsv([{ ...r, 氏: r.family_name! }], header);
    const report = await run({
      municipalityCode: town,
      files: { municipality: file('m.csv', toCsv([municipalityRow(town)])), residents: file('r.csv', rows) },
    });
    expect(report.tables.resident.inserted).toBe(1);
    const stored = await db
      .selectFrom('resident')
      .selectAll()
      .where('municipality_code', '=', town)
      .executeTakeFirstOrThrow();
    expect(stored.address).toBe('見本県試験町2番地, "東棟"');
    expect(stored.removal_reason).toBe('転出\r\n（届出による）');
    expect(stored.removed_on).toBe('2019-05-01');
  });

  it('checks households: exactly one active 世帯主, also for a household a resident leaves', async () => {
    const town = newTownCode();
    const municipality = file('m.csv', toCsv([municipalityRow(town)]));
    const a = newResident({ household_id: '1' });
    const b = newResident({ household_id: '1', relationship: '世帯主' });
    const c = newResident({ household_id: '2', relationship: '子' });
    const d = newResident({
      household_id: '2',
      relationship: '世帯主',
      status: 'deceased',
      removed_on: '2020-01-01',
    });
    const twoHeads = await rejection(
      run({ municipalityCode: town, files: { municipality, residents: file('r.csv', toCsv([a, b, c, d])) } }),
    );
    expect(twoHeads.details.map((x) => x.at)).toEqual([
      'r.csv:2:relationship',
      'r.csv:3:relationship',
      'r.csv:4:relationship',
    ]);
    expect(twoHeads.details[0]!.en).toMatch(/household 1 has 2 heads/);
    expect(twoHeads.details[2]!.en).toMatch(/household 2 has no active member whose relationship is 世帯主/);

    b.relationship = '妻';
    c.relationship = '世帯主';
    d.relationship = '母';
    await run({
      municipalityCode: town,
      files: { municipality, residents: file('r.csv', toCsv([a, b, c, d])) },
    });
    // The head of household 1 moves into household 2 as 同居人: household 1 is left without one.
    const moved = { ...a, household_id: '2', relationship: '同居人' };
    const left = await rejection(
      run({ municipalityCode: town, files: { residents: file('r.csv', toCsv([moved])) } }),
    );
    expect(left.details.map((x) => x.at)).toEqual(['r.csv:2:relationship']);
    expect(left.details[0]!.en).toMatch(/household 1 has no active member/);
  });

  it('checks references across files and the database: koseki, members, seals and tax', async () => {
    const { db } = ctx.database;
    const png = readFileSync(join(SAMPLES, 'seals/yoshida.png')).toString('base64');
    const before = await rowCounts(db, SAMPLE_TOWN);
    const error = await rejection(
      run({
        municipalityCode: SAMPLE_TOWN,
        files: {
          'koseki-members': file(
            'members.csv',
            toCsv([
              {
                koseki_id: '777',
                member_no: '1',
                family_name: '某',
                given_name: '某',
                birth_date: '1990-01-01',
                sex: 'F',
                relationship: '長女',
              },
              {
                koseki_id: '9000001',
                member_no: '4',
                family_name: '𠮷田',
                given_name: '某',
                birth_date: '2022-01-01',
                sex: 'F',
                relationship: '長女',
                resident_id: '9000002',
                juminhyo_code: withJuminhyoCheck('1111111111'),
              },
              {
                koseki_id: '9000001',
                member_no: '4',
                family_name: '𠮷田',
                given_name: '某',
                birth_date: '2022-01-01',
                sex: 'F',
                relationship: '長女',
              },
            ]),
          ),
          fuhyo: file(
            'fuhyo.csv',
            toCsv([
              {
                koseki_id: '9000001',
                member_no: '9',
                seq: '1',
                address: '某所',
                address_since: '2020-01-01',
              },
            ]),
          ),
          seals: file(
            'seals.csv',
            toCsv([
              // 9000001 already has an active registration in the database.
              {
                registration_no: '9100010',
                resident_id: '9000001',
                card_no: 'X-1',
                impression: png,
                registered_on: '2024-01-01',
              },
              // 9000007 has moved out.
              {
                registration_no: '9100011',
                resident_id: '9000007',
                card_no: 'X-2',
                impression: png,
                registered_on: '2024-01-01',
              },
              // The card number of a stored registration.
              {
                registration_no: '9100012',
                resident_id: '9000006',
                card_no: 'M-000123',
                impression: png,
                registered_on: '2024-01-01',
              },
              {
                registration_no: '9100013',
                resident_id: '424242',
                card_no: 'X-3',
                impression: png,
                registered_on: '2024-01-01',
              },
              {
                registration_no: '9100014',
                resident_id: '9000003',
                card_no: 'X-4',
                impression: 'iVBORw0KGgoAAAANSUhEUg==',
                registered_on: '2024-01-01',
              },
              {
                registration_no: '9100015',
                resident_id: '9000003',
                card_no: 'X-5',
                impression: 'seal.png',
                registered_on: '2024-01-01',
              },
            ]),
          ),
        },
      }),
    );
    expect(error.details.map((d) => d.at)).toEqual([
      'members.csv:2:koseki_id',
      'members.csv:3:juminhyo_code',
      'members.csv:4:member_no',
      'fuhyo.csv:2:member_no',
      'seals.csv:2:resident_id',
      'seals.csv:3:status',
      'seals.csv:4:card_no',
      'seals.csv:5:resident_id',
      'seals.csv:6:impression',
      'seals.csv:7:impression',
    ]);
    expect(error.details[2]!.en).toMatch(/the same koseki_id and member_no as line 3/);
    expect(error.details[8]!.en).toMatch(/not a valid PNG/);
    expect(await rowCounts(db, SAMPLE_TOWN)).toEqual(before);

    // Moving out ends the seal registration: a stored active one must be abolished in the same import.
    const sample = parseCsv(
      readFileSync(join(SAMPLES, 'residents.csv'), 'utf8').replace(/^\uFEFF/, ''),
    ).records;
    const header = sample[0]!.fields;
    const kasai = [...sample.find((r) => r.fields[0] === '9000004')!.fields];
    kasai[header.indexOf('状態')] = '転出';
    kasai[header.indexOf('消除日')] = '2024-01-31';
    kasai[header.indexOf('転出先')] = '東京都新宿区1番地';
    const movingOut = file('residents.csv', [header, kasai].map(formatCsvRecord).join('\n'));
    const sealStillActive = await rejection(
      run({ municipalityCode: SAMPLE_TOWN, files: { residents: movingOut } }),
    );
    expect(sealStillActive.details.map((d) => d.at)).toEqual(['residents.csv:2:status']);
    expect(sealStillActive.details[0]!.en).toMatch(/active seal registration \(registration_no 9100002\)/);
    const abolished = await run({
      municipalityCode: SAMPLE_TOWN,
      dryRun: true,
      files: {
        residents: movingOut,
        seals: file(
          'seals.csv',
          toCsv([
            {
              registration_no: '9100002',
              resident_id: '9000004',
              card_no: 'M-000456',
              impression: png,
              registered_on: '2021-04-01',
              status: '廃止',
              abolished_on: '2024-01-31',
              abolished_reason: '転出',
            },
          ]),
        ),
      },
    });
    expect(abolished.tables.resident.updated).toBe(1);
    expect(abolished.tables.seal_registration.updated).toBe(1);

    // A seal for a resident who is only in the database, with an inline PNG, is fine.
    const ok = await run({
      municipalityCode: SAMPLE_TOWN,
      files: {
        seals: file(
          'seals.csv',
          toCsv([
            {
              registration_no: '9100020',
              resident_id: '9000006',
              card_no: 'X-9',
              impression: `data:image/png;base64,${png}`,
              registered_on: 'R6.1.5',
            },
          ]),
        ),
      },
    });
    expect(ok.tables.seal_registration).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('refuses a municipality that is not in the database unless its row is given', async () => {
    const town = newTownCode();
    const error = await rejection(
      run({ municipalityCode: town, files: { residents: file('r.csv', toCsv([newResident()])) } }),
    );
    expect(error.details).toHaveLength(1);
    expect(error.details[0]!.en).toMatch(new RegExp(`municipality ${town} is not in the database`));
    const wrongCode = await rejection(
      run({
        municipalityCode: town,
        files: { municipality: file('m.csv', toCsv([municipalityRow(SAMPLE_TOWN)])) },
      }),
    );
    expect(wrongCode.details[0]!.at).toBe('m.csv:2');
    await expect(run({ municipalityCode: '999998', files: {} })).rejects.toMatchObject({
      code: 'import_bad_municipality_code',
    });
  });

  it('random malformed CSV never throws anything but an AppError and never writes', async () => {
    const { db } = ctx.database;
    const before = await rowCounts(db, SAMPLE_TOWN);
    const kinds = IMPORT_KINDS.filter((k) => k !== 'municipality');
    const cell = fc.string({
      unit: fc.constantFrom(
        '"',
        ',',
        '\n',
        '\r',
        '\r\n',
        '1',
        '9000001',
        'a',
        'あ',
        '𠮷',
        ' ',
        '\uFEFF',
        '-',
        '令和',
        '\u0000',
      ),
      maxLength: 12,
    });
    const line = fc.array(cell, { maxLength: 40 }).map((cells) => cells.join(','));
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(...kinds), fc.array(line, { maxLength: 5 })).map(([kind, lines]) => {
        const header = FILE_SPECS[kind].columns.map((c) => c.key).join(',');
        return new TextEncoder().encode([header, ...lines].join('\n'));
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...kinds),
        input,
        fc.constantFrom<'utf8' | 'sjis'>('utf8', 'sjis'),
        async (kind, bytes, encoding) => {
          try {
            await run({
              municipalityCode: SAMPLE_TOWN,
              files: { [kind]: file(`${kind}.csv`, bytes) },
              encoding,
            });
          } catch (error) {
            expect(isAppError(error)).toBe(true);
          }
          expect(await rowCounts(db, SAMPLE_TOWN)).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('madoguchi import (command line, embedded PGlite on disk)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-import-'));
  const config = { ...loadConfig({}), databaseUrl: undefined, dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function command(args: string[]) {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
    const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void out.push(text));
    try {
      return { code: await runImportCommand(args, config), out: out.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('imports docs/samples with --dir, reports counts, refuses a bad file with exit code 1, and checks its options', async () => {
    const first = await command(['--municipality', SAMPLE_TOWN, '--dir', SAMPLES]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/resident\s+7\s+0\s+0/);
    const again = await command(['--municipality', SAMPLE_TOWN, '--dir', SAMPLES, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).tables.resident).toEqual({ inserted: 0, updated: 0, unchanged: 7 });

    const bad = join(dataDir, 'tax.csv');
    writeFileSync(bad, '宛名番号,課税年度,課税区分\n9000001,令和6,課税\n9000001,令和6,課税\n');
    const refused = await command(['--municipality', SAMPLE_TOWN, '--tax', bad]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`${bad} 3行目「課税年度」: 宛名番号・課税年度が2行目と重複しています。`);

    expect((await command(['--residents', bad])).code).toBe(2);
    expect((await command(['--municipality', SAMPLE_TOWN, '--bogus'])).code).toBe(2);
    expect((await command(['--municipality', SAMPLE_TOWN, '--tax', join(dataDir, 'missing.csv')])).code).toBe(
      1,
    );
    expect((await command(['--municipality', SAMPLE_TOWN, '--tax', bad, '--encoding', 'latin1'])).code).toBe(
      1,
    );
  }, 60_000);
});
