import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import {
  findActiveSeal,
  findKoseki,
  findTaxRecord,
  readResidentRecord,
  searchResidents,
} from '../../src/registry/index.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers } from '../support/databases.js';
import { newMunicipality, newResident } from '../support/factories.js';

const clerk = { type: 'staff' as const, id: 'clerk-1', terminalId: 'counter-1' };

function tinyPng(): Buffer {
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  return PNG.sync.write(png);
}

describeOnDrivers('registries', (ctx) => {
  it('stores names with 𠮷, variant kanji and variation sequences byte for byte', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const names = ['𠮷田', '髙橋', '葛\u{E0100}西', '渡邉', '齋藤', '辻\u{E0101}'];
    for (const family of names) {
      const row = await newResident(db, { family_name: family, given_name: '﨑子' });
      const back = await db
        .selectFrom('resident')
        .select(['family_name', 'given_name'])
        .where('resident_id', '=', row.resident_id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(back.family_name, 'utf8').equals(Buffer.from(family, 'utf8'))).toBe(true);
      expect(back.given_name).toBe('﨑子');
    }
  });

  it('finds 髙橋 by 高橋, by kana in hiragana, by birth date, by address and by 住民票コード', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const takahashi = await newResident(db, {
      family_name: '髙橋',
      given_name: '一郎',
      family_name_kana: 'タカハシ',
      given_name_kana: 'イチロウ',
      birth_date: '1971-03-15',
      address: '見本県見本市緑町三丁目5番6号',
    });
    const byName = await searchResidents(db, clerk, { municipalityCode: '999997', name: '高橋' });
    expect(byName.map((r) => r.resident_id)).toContain(takahashi.resident_id);
    expect(byName.find((r) => r.resident_id === takahashi.resident_id)?.family_name).toBe('髙橋');
    const byKana = await searchResidents(db, clerk, {
      municipalityCode: '999997',
      kana: 'たかはし いちろう',
    });
    expect(byKana.map((r) => r.resident_id)).toContain(takahashi.resident_id);
    const byBirth = await searchResidents(db, clerk, { municipalityCode: '999997', birthDate: '1971-03-15' });
    expect(byBirth.map((r) => r.resident_id)).toContain(takahashi.resident_id);
    const byAddress = await searchResidents(db, clerk, { municipalityCode: '999997', address: '緑町3-5-6' });
    expect(byAddress.map((r) => r.resident_id)).toContain(takahashi.resident_id);
    const byCode = await searchResidents(db, clerk, {
      municipalityCode: '999997',
      juminhyoCode: takahashi.juminhyo_code,
    });
    expect(byCode.map((r) => r.resident_id)).toEqual([takahashi.resident_id]);
    const other = await searchResidents(db, clerk, { municipalityCode: '999997', name: '高畑' });
    expect(other.map((r) => r.resident_id)).not.toContain(takahashi.resident_id);
  });

  it('refuses a search without criteria or with a wrong check digit, and audits every search', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    await expect(searchResidents(db, clerk, { municipalityCode: '999997' })).rejects.toBeInstanceOf(AppError);
    await expect(
      searchResidents(db, clerk, { municipalityCode: '999997', juminhyoCode: '12345678901' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const before = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await searchResidents(db, clerk, { municipalityCode: '999997', kana: 'ミホン' });
    const after = await db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n + 1);
  });

  it('keeps 除票 records and their history, and audits each read of a record', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const gone = await newResident(db, {
      status: 'moved_out',
      removed_on: '2024-03-31',
      removal_reason: '転出',
      moved_to_address: '東京都千代田区千代田1番1号',
    });
    await db
      .insertInto('resident_event')
      .values({
        municipality_code: '999997',
        resident_id: gone.resident_id,
        seq: 1,
        event_type: 'tenshutsu',
        event_date: '2024-03-31',
        notified_on: '2024-03-20',
        details: JSON.stringify({ to: '東京都千代田区千代田1番1号' }),
      })
      .execute();
    const active = await searchResidents(db, clerk, {
      municipalityCode: '999997',
      juminhyoCode: gone.juminhyo_code,
    });
    expect(active).toHaveLength(0);
    const withRemoved = await searchResidents(db, clerk, {
      municipalityCode: '999997',
      juminhyoCode: gone.juminhyo_code,
      includeRemoved: true,
    });
    expect(withRemoved[0]?.status).toBe('moved_out');
    const record = await readResidentRecord(db, clerk, {
      municipalityCode: '999997',
      residentId: gone.resident_id,
    });
    expect(record.events.map((e) => e.event_type)).toEqual(['tenshutsu']);
    expect(record.events[0]?.details).toEqual({ to: '東京都千代田区千代田1番1号' });
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'resident.read')
      .where('subject_id', '=', String(gone.resident_id))
      .execute();
    expect(audit).toHaveLength(1);
    expect((await verifyAuditChain(db, '999997')).valid).toBe(true);
  });

  it('round-trips 戸籍, 附票, 印鑑, 課税 and cards', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const person = await newResident(db, { family_name: '𠮷田', given_name: '太郎' });
    await db
      .insertInto('koseki')
      .values({
        municipality_code: '999997',
        koseki_id: 9001,
        honseki: '見本県見本市本町二丁目3番地',
        hittosha: '𠮷田　太郎',
        honseki_key: 'x',
        hittosha_key: 'x',
        compiled_on: '2005-06-01',
        closed_on: null,
        closed_reason: null,
      })
      .execute();
    await db
      .insertInto('koseki_member')
      .values([
        {
          municipality_code: '999997',
          koseki_id: 9001,
          member_no: 1,
          family_name: '𠮷田',
          given_name: '太郎',
          birth_date: '1980-04-01',
          sex: 'M',
          father_name: '𠮷田　一郎',
          mother_name: '𠮷田　春子',
          relationship: '長男',
          removed_reason: null,
          resident_id: person.resident_id,
          juminhyo_code: person.juminhyo_code,
        },
        {
          municipality_code: '999997',
          koseki_id: 9001,
          member_no: 2,
          family_name: '𠮷田',
          given_name: '葛\u{E0100}子',
          birth_date: '1982-07-07',
          sex: 'F',
          father_name: '山田　次郎',
          mother_name: '山田　夏子',
          relationship: '妻',
          status: 'removed',
          removed_reason: '死亡',
          resident_id: null,
          juminhyo_code: null,
        },
      ])
      .execute();
    await db
      .insertInto('koseki_event')
      .values([
        {
          municipality_code: '999997',
          koseki_id: 9001,
          member_no: 0,
          seq: 1,
          event_type: 'hensei',
          event_date: '2005-06-01',
          details: JSON.stringify({ reason: '婚姻' }),
        },
        {
          municipality_code: '999997',
          koseki_id: 9001,
          member_no: 2,
          seq: 1,
          event_type: 'shibou',
          event_date: '2020-01-01',
          details: JSON.stringify({ place: '見本県見本市' }),
        },
      ])
      .execute();
    await db
      .insertInto('fuhyo_entry')
      .values({
        municipality_code: '999997',
        koseki_id: 9001,
        member_no: 1,
        seq: 1,
        address: '見本県見本市本町二丁目3番4号',
        address_since: '2010-04-01',
      })
      .execute();
    const png = tinyPng();
    await db
      .insertInto('seal_registration')
      .values({
        municipality_code: '999997',
        registration_no: 77,
        resident_id: person.resident_id,
        card_no: 'S-000077',
        impression_png: png,
        registered_on: '2015-01-05',
        abolished_on: null,
        abolished_reason: null,
      })
      .execute();
    await db
      .insertInto('tax_record')
      .values({
        municipality_code: '999997',
        resident_id: person.resident_id,
        tax_year: 2024,
        status: 'assessed',
        salary_income: 5_000_000,
        salary_deduction_net: 3_560_000,
        other_income: 0,
        total_income: 3_560_000,
        deductions_total: 1_200_000,
        taxable_income: 2_360_000,
        municipal_tax: 141_600 + 3_500,
        prefectural_tax: 94_400 + 1_500,
        dependents: 1,
      })
      .execute();

    const koseki = await findKoseki(db, '999997', 9001);
    expect(koseki?.members.map((m) => m.given_name)).toEqual(['太郎', '葛\u{E0100}子']);
    expect(koseki?.members[1]?.status).toBe('removed');
    expect(koseki?.events.map((e) => e.event_type)).toEqual(['hensei', 'shibou']);
    expect(koseki?.fuhyo[0]?.address_since).toBe('2010-04-01');
    const seal = await findActiveSeal(db, '999997', person.resident_id);
    expect(Buffer.from(seal!.impression_png).equals(png)).toBe(true);
    const tax = await findTaxRecord(db, '999997', person.resident_id, 2024);
    expect(tax?.salary_income).toBe(5_000_000);
    expect(typeof tax?.municipal_tax).toBe('number');
  });

  it('enforces the registry constraints: one active seal, consistent 除票 state, unique 住民票コード', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    const person = await newResident(db);
    await expect(newResident(db, { juminhyo_code: person.juminhyo_code })).rejects.toThrow();
    await expect(newResident(db, { status: 'moved_out', removed_on: null })).rejects.toThrow();
    const png = tinyPng();
    const seal = {
      municipality_code: '999997',
      resident_id: person.resident_id,
      impression_png: png,
      registered_on: '2015-01-05',
      abolished_on: null,
      abolished_reason: null,
    };
    await db
      .insertInto('seal_registration')
      .values({ ...seal, registration_no: 1001, card_no: 'S-1001' })
      .execute();
    await expect(
      db
        .insertInto('seal_registration')
        .values({ ...seal, registration_no: 1002, card_no: 'S-1002' })
        .execute(),
    ).rejects.toThrow();
  });

  it('makes the audit log append-only and detects an edited row', async () => {
    const { db } = ctx.database;
    await newMunicipality(db);
    await searchResidents(db, clerk, { municipalityCode: '999997', kana: 'ミホン' });
    await expect(sql`update audit_log set actor_id = 'someone-else'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db, '999997')).valid).toBe(true);
    // Someone with the database owner's rights can lift the trigger; the chain still tells.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set actor_id = 'someone-else' where seq = 1 and municipality_code = '999997'`.execute(
      db,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    const report = await verifyAuditChain(db, '999997');
    expect(report.valid).toBe(false);
    expect(report.problems[0]).toEqual({ seq: 1, problem: 'hash_mismatch' });
  });
});
