import { X509Certificate } from 'node:crypto';
import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { decode } from '../../src/crypto/der.js';
import type { Database } from '../../src/db/connect.js';
import { isValidJuminhyoCode, isValidMyNumber } from '../../src/domain/check-digits.js';
import { foldAddress, foldKanji, kanaKey, nameKey } from '../../src/domain/text-fold.js';
import { issueCertificate } from '../../src/issuance/use-cases/issue-certificate.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { cardKeyPair, createDemoJpkiCa } from '../../src/seed/cards.js';
import { type SeedReport, seedTown } from '../../src/seed/seed-town.js';
import { salaryIncome } from '../../src/seed/tax.js';
import { AppError } from '../../src/shared/errors.js';
import { describeOnDrivers, openTestDatabase } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';

const CODE = '999997';
const SEED = 20240401;
const TODAY = '2025-06-15';
const RESIDENTS = 400;
const IVS = '\u{E0100}';

/** Every registry table with the columns that identify a row, for comparing two towns. */
const TABLES: Record<string, string> = {
  municipality: 'code',
  household: 'household_id',
  resident: 'resident_id',
  resident_event: 'resident_id, seq',
  koseki: 'koseki_id',
  koseki_member: 'koseki_id, member_no',
  koseki_event: 'koseki_id, member_no, seq',
  fuhyo_entry: 'koseki_id, member_no, seq',
  seal_registration: 'registration_no',
  tax_record: 'resident_id, tax_year',
  mynumber_card: 'card_serial',
};

async function dump(database: Database, table: string): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.raw(
    TABLES[table]!,
  )}`.execute(database.db);
  return rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    // The only columns allowed to differ: when the municipality row was made, and
    // the ECDSA signature inside each certificate (node:crypto signs with a random k).
    if (table === 'municipality') delete copy.created_at;
    if (table === 'mynumber_card') copy.certificate_pem = tbsHex(String(row.certificate_pem));
    if (copy.impression_png)
      copy.impression_png = Buffer.from(copy.impression_png as Uint8Array).toString('hex');
    return copy;
  });
}

function tbsHex(pem: string): string {
  const der = new X509Certificate(pem).raw;
  return Buffer.from(decode(der).children[0]!.raw).toString('hex');
}

const count = async (database: Database, query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(database.db)).rows[0]!.n);

describeOnDrivers('seed: the synthetic town', (ctx) => {
  let report: SeedReport;

  it('seeds the demo town and reports what it made', async () => {
    let progress = 0;
    report = await seedTown(ctx.database.db, {
      municipalityCode: CODE,
      residents: RESIDENTS,
      seed: SEED,
      today: TODAY,
      onProgress: (done) => {
        progress = done;
      },
    });
    expect(report).toMatchObject({
      municipalityCode: CODE,
      municipalityName: '見本市',
      residents: RESIDENTS,
      today: TODAY,
    });
    expect(report.taxYears).toEqual([2023, 2024, 2025]);
    expect(progress).toBe(RESIDENTS);
    const d = ctx.database;
    expect(await count(d, sql`select count(*) n from resident where status = 'active'`)).toBe(RESIDENTS);
    expect(await count(d, sql`select count(*) n from resident where status <> 'active'`)).toBe(
      report.removedResidents,
    );
    expect(await count(d, sql`select count(*) n from resident where status = 'active' and is_foreign`)).toBe(
      report.foreignResidents,
    );
    expect(await count(d, sql`select count(*) n from household`)).toBe(report.households);
    expect(await count(d, sql`select count(*) n from koseki`)).toBe(report.koseki);
    expect(await count(d, sql`select count(*) n from koseki_member`)).toBe(report.kosekiMembers);
    expect(await count(d, sql`select count(*) n from seal_registration where status = 'active'`)).toBe(
      report.seals,
    );
    expect(await count(d, sql`select count(*) n from tax_record`)).toBe(report.taxRecords);
    expect(await count(d, sql`select count(*) n from mynumber_card`)).toBe(report.cards);
    const town = await d.db
      .selectFrom('municipality')
      .selectAll()
      .where('code', '=', CODE)
      .executeTakeFirstOrThrow();
    expect(town).toMatchObject({ name: '見本市', prefecture: '見本県', mayor_name: '見本\u3000太郎' });
    expect(town.office_address).toMatch(/^見本県見本市/);
  }, 120_000);

  it('gives every household one 世帯主, in order of the 住民票', async () => {
    const d = ctx.database;
    const { rows } = await sql<{
      household_id: number;
      heads: number;
      head_id: number | null;
      pointer: number | null;
    }>`
      select h.household_id, h.head_resident_id as pointer,
             count(*) filter (where r.relationship = '世帯主' and r.status = 'active') as heads,
             min(r.resident_id) filter (where r.relationship = '世帯主' and r.status = 'active') as head_id
      from household h join resident r using (municipality_code, household_id)
      group by h.household_id, h.head_resident_id
      having count(*) filter (where r.status = 'active') > 0`.execute(d.db);
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(Number(row.heads)).toBe(1);
      expect(Number(row.pointer)).toBe(Number(row.head_id));
    }
    const relationships = await d.db.selectFrom('resident').select('relationship').distinct().execute();
    const seen = new Set(relationships.map((r) => r.relationship));
    for (const expected of ['世帯主', '妻', '子']) expect(seen).toContain(expected);
    // Household sizes: many alone or in twos, families, and the rare very large household.
    const { rows: sizes } = await sql<{ size: number; n: number }>`
      select size, count(*) n from (select count(*) size from resident where status = 'active' group by household_id) s
      group by size order by size`.execute(d.db);
    const bySize = new Map(sizes.map((s) => [Number(s.size), Number(s.n)]));
    const households = [...bySize.values()].reduce((a, b) => a + b, 0);
    expect(bySize.get(1)! / households).toBeGreaterThan(0.25);
    expect(bySize.get(2)! / households).toBeGreaterThan(0.15);
    expect(Math.max(...bySize.keys())).toBeGreaterThanOrEqual(8);
  });

  it('issues valid, unique 住民票コード and 個人番号', async () => {
    const rows = await ctx.database.db
      .selectFrom('resident')
      .select(['juminhyo_code', 'kojin_bango'])
      .execute();
    for (const row of rows) {
      expect(isValidJuminhyoCode(row.juminhyo_code)).toBe(true);
      expect(isValidMyNumber(row.kojin_bango!)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.juminhyo_code)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.kojin_bango)).size).toBe(rows.length);
  });

  it('follows the age pyramid and writes readings, keys and dates consistently', async () => {
    const rows = await ctx.database.db.selectFrom('resident').selectAll().execute();
    const active = rows.filter((r) => r.status === 'active');
    const ageOf = (birth: string) => {
      const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
      return 2025 - y - (m > 6 || (m === 6 && d > 15) ? 1 : 0);
    };
    const share = (f: (age: number) => boolean) =>
      active.filter((r) => f(ageOf(r.birth_date))).length / active.length;
    expect(share((a) => a >= 65)).toBeGreaterThan(0.2);
    expect(share((a) => a >= 65)).toBeLessThan(0.37);
    expect(share((a) => a < 15)).toBeGreaterThan(0.06);
    expect(share((a) => a < 15)).toBeLessThan(0.18);
    for (const r of rows) {
      expect(r.name_key).toBe(nameKey(r.family_name, r.given_name));
      expect(r.kana_key).toBe(kanaKey(r.family_name_kana, r.given_name_kana));
      expect(r.address_key).toBe(foldAddress(r.address));
      expect(r.address).toMatch(/^見本県見本市/);
      expect(r.postal_code).toMatch(/^\d{7}$/);
      expect(`${r.family_name_kana}${r.given_name_kana}`).toMatch(/^[\u30a1-\u30fc\u3000 ]+$/);
      expect(r.birth_date <= r.resident_since || r.is_foreign).toBe(true);
      expect(r.address_since <= TODAY).toBe(true);
      expect(r.resident_since <= TODAY).toBe(true);
      if (!r.is_foreign) expect(r.resident_since <= r.address_since).toBe(true);
      if (r.previous_address !== null) expect(r.previous_address).not.toBe(r.address);
      if (!r.is_foreign) {
        expect(r.honseki).toBeTruthy();
        expect(r.hittosha).toContain('\u3000');
      }
    }
    // Some live in flats (方書), most moved in from elsewhere at some point.
    expect(rows.some((r) => r.katagaki?.endsWith('号室'))).toBe(true);
    expect(rows.filter((r) => r.previous_address !== null).length / rows.length).toBeGreaterThan(0.4);
  });

  it('keeps a history of notifications for everyone', async () => {
    const d = ctx.database;
    const events = await d.db
      .selectFrom('resident_event')
      .select(['resident_id', 'seq', 'event_type', 'event_date', 'notified_on', 'details'])
      .orderBy('resident_id')
      .orderBy('seq')
      .execute();
    const byResident = new Map<number, typeof events>();
    for (const e of events) byResident.set(e.resident_id, [...(byResident.get(e.resident_id) ?? []), e]);
    const residents = await d.db
      .selectFrom('resident')
      .select(['resident_id', 'birth_date', 'status'])
      .execute();
    for (const r of residents) {
      const list = byResident.get(r.resident_id)!;
      expect(list.length).toBeGreaterThan(0);
      expect(['shussei', 'tennyu', 'shokken_shusei']).toContain(list[0]!.event_type);
      if (list[0]!.event_type === 'shussei') expect(list[0]!.event_date).toBe(r.birth_date);
      list.forEach((e, i) => {
        expect(e.seq).toBe(i + 1);
        expect(e.event_date <= TODAY).toBe(true);
        if (e.notified_on) expect(e.notified_on >= e.event_date).toBe(true);
        if (i > 0) expect(e.event_date >= list[i - 1]!.event_date).toBe(true);
      });
      if (r.status === 'moved_out') expect(list.at(-1)!.event_type).toBe('tenshutsu');
      if (r.status === 'deceased') expect(list.at(-1)!.event_type).toBe('shibou');
    }
    const types = new Set(events.map((e) => e.event_type));
    for (const t of ['shussei', 'tennyu', 'tenkyo', 'setai_henko']) expect(types).toContain(t);
    const tennyu = events.find((e) => e.event_type === 'tennyu')!;
    expect(typeof (tennyu.details as { from?: unknown }).from).toBe('string');
  });

  it('has 2–3 % foreign residents and 1–2 % 除票 records, kept apart from active ones', async () => {
    const rows = await ctx.database.db.selectFrom('resident').selectAll().execute();
    const active = rows.filter((r) => r.status === 'active');
    const foreign = active.filter((r) => r.is_foreign);
    expect(foreign.length / active.length).toBeGreaterThan(0.01);
    expect(foreign.length / active.length).toBeLessThan(0.06);
    for (const r of foreign) {
      expect(r.nationality).toBeTruthy();
      expect(r.residence_status).toBeTruthy();
      expect(r.name_alphabet).toMatch(/^[A-Z][A-Z -]+$/);
      expect(r.honseki).toBeNull();
      expect(r.hittosha).toBeNull();
      if (r.residence_status === '永住者' || r.residence_status === '特別永住者')
        expect(r.residence_period_end).toBeNull();
      else expect(r.residence_period_end! > TODAY).toBe(true);
    }
    const removed = rows.filter((r) => r.status !== 'active');
    expect(removed.length / rows.length).toBeGreaterThan(0.005);
    expect(removed.length / rows.length).toBeLessThan(0.04);
    for (const r of removed) {
      expect(r.removed_on! >= r.address_since).toBe(true);
      expect(r.removed_on! <= TODAY).toBe(true);
      if (r.status === 'moved_out') {
        expect(r.removal_reason).toBe('転出');
        expect(r.moved_to_address).toBeTruthy();
      } else {
        expect(r.removal_reason).toBe('死亡');
      }
    }
  });

  it('stores variant kanji, 𠮷 and variation sequences byte for byte', async () => {
    const { db } = ctx.database;
    for (const family of ['髙橋', '𠮷田', '山﨑', '渡邉', `葛${IVS}西`, `辻${IVS}`, '齋藤', '濵田']) {
      const rows = await db
        .selectFrom('resident')
        .select([
          'family_name',
          'name_key',
          sql<string>`encode(convert_to(family_name, 'UTF8'), 'hex')`.as('hex'),
        ])
        .where('family_name', '=', family)
        .execute();
      expect(rows.length, family).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.hex).toBe(Buffer.from(family, 'utf8').toString('hex'));
        expect(row.name_key.startsWith(foldKanji(family))).toBe(true);
      }
    }
    const member = await db
      .selectFrom('koseki_member')
      .select('family_name')
      .where('family_name', '=', '𠮷田')
      .executeTakeFirst();
    expect(member?.family_name).toBe('\u{20BB7}田');
  });

  it('links 戸籍 to residents, with 附票, removed members, closed registers and 本籍-only people', async () => {
    const { db } = ctx.database;
    const registers = await db.selectFrom('koseki').selectAll().execute();
    const statuses = new Set(registers.map((k) => k.status));
    for (const s of ['active', 'closed', 'kaisei_gen']) expect(statuses).toContain(s);
    for (const k of registers) {
      expect(k.honseki_key).toBe(foldAddress(k.honseki));
      expect(k.hittosha_key).toBe(foldKanji(k.hittosha));
      expect(k.status === 'active').toBe(k.closed_on === null);
    }
    const members = await db.selectFrom('koseki_member').selectAll().execute();
    expect(members.some((m) => m.status === 'removed' && m.removed_reason === '婚姻')).toBe(true);
    expect(members.some((m) => m.status === 'removed' && m.removed_reason === '死亡')).toBe(true);
    expect(members.some((m) => m.status === 'in' && m.resident_id === null)).toBe(true);
    expect(members.filter((m) => m.relationship.match(/^(長|二|三|四)(男|女)$/)).length).toBe(members.length);
    // Every Japanese resident whose 本籍 is in the town is in a current register with that 本籍 and 筆頭者.
    const { rows: unlinked } = await sql<{ resident_id: number }>`
      select r.resident_id from resident r
      where r.status = 'active' and not r.is_foreign and r.honseki like '見本県見本市%'
        and not exists (
          select 1 from koseki_member m join koseki k using (municipality_code, koseki_id)
          where m.municipality_code = r.municipality_code and m.resident_id = r.resident_id and m.status = 'in'
            and k.status = 'active' and k.honseki = r.honseki and k.hittosha = r.hittosha
            and m.juminhyo_code = r.juminhyo_code and m.given_name = r.given_name)`.execute(db);
    expect(unlinked).toEqual([]);
    const linked = members.filter((m) => m.resident_id !== null);
    expect(linked.length).toBeGreaterThan(RESIDENTS / 4);
    // 附票 for everyone in a register; 戸籍事項 (member 0) for every register.
    const { rows: noFuhyo } = await sql<{ n: number }>`
      select count(*) n from koseki_member m where not exists (select 1 from fuhyo_entry f
        where f.municipality_code = m.municipality_code and f.koseki_id = m.koseki_id and f.member_no = m.member_no)`.execute(
      db,
    );
    expect(Number(noFuhyo[0]!.n)).toBe(0);
    const { rows: noHeader } = await sql<{ n: number }>`
      select count(*) n from koseki k where not exists (select 1 from koseki_event e
        where e.municipality_code = k.municipality_code and e.koseki_id = k.koseki_id and e.member_no = 0
          and e.event_type in ('hensei', 'tenseki'))`.execute(db);
    expect(Number(noHeader[0]!.n)).toBe(0);
    const events = await db.selectFrom('koseki_event').select(['event_type']).distinct().execute();
    const types = new Set(events.map((e) => e.event_type));
    for (const t of ['hensei', 'kaisei', 'shussei', 'konin', 'shibou']) expect(types).toContain(t);
    expect(report.honsekiOnlyPeople).toBeGreaterThan(0);
  });

  it('gives a resident on a 改製原戸籍 its 謄本 at the counter: the register as it stood at the 改製', async () => {
    const { db } = ctx.database;
    const onOld = await db
      .selectFrom('koseki_member as m')
      .innerJoin('koseki as k', (j) =>
        j.onRef('k.municipality_code', '=', 'm.municipality_code').onRef('k.koseki_id', '=', 'm.koseki_id'),
      )
      .innerJoin('resident as r', (j) =>
        j
          .onRef('r.municipality_code', '=', 'm.municipality_code')
          .onRef('r.resident_id', '=', 'm.resident_id'),
      )
      // Someone who married into it: the 婚姻 entry carries the other register (従前戸籍).
      .innerJoin('koseki_event as e', (j) =>
        j
          .onRef('e.municipality_code', '=', 'm.municipality_code')
          .onRef('e.koseki_id', '=', 'm.koseki_id')
          .onRef('e.member_no', '=', 'm.member_no'),
      )
      .select(['m.koseki_id', 'm.resident_id', 'k.honseki', 'k.hittosha', 'k.closed_on'])
      .where('k.status', '=', 'kaisei_gen')
      .where('e.event_type', '=', 'konin')
      .where(sql<boolean>`e.details ? 'from_honseki'`)
      .where('r.status', '=', 'active')
      .orderBy('m.koseki_id')
      .executeTakeFirstOrThrow();
    const engine = await createTestEngine(ctx.database);
    const issued = await issueCertificate(
      engine,
      { type: 'staff', id: 'clerk-seed', terminalId: 'counter-1' },
      {
        municipalityCode: CODE,
        idempotencyKey: `seed-kaiseigen-${onOld.koseki_id}`,
        channel: 'counter',
        subject: { kosekiId: onOld.koseki_id },
        requester: { relation: 'self', identityVerified: true, residentId: onOld.resident_id! },
        options: { certificate: 'koseki-kaiseigen', scope: 'all' },
        payment: 'cash',
      },
    );
    expect(issued.totalFee).toBe(750);
    const file = pdfFile(issued.pdf);
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
    const text = pdftotext(file).replace(/\s+/g, '');
    const members = await db
      .selectFrom('koseki_member')
      .select('given_name')
      .where('koseki_id', '=', onOld.koseki_id)
      .execute();
    for (const expected of [
      '改製原戸籍謄本',
      '【従前戸籍】',
      onOld.honseki,
      onOld.hittosha,
      '平成6年法務省令第51号附則第2条第1項による改製につき消除',
      ...members.map((m) => `【名】${m.given_name}`),
    ])
      expect(text, expected).toContain(expected.replace(/\s+/g, ''));
    // Every 身分事項 item prints under its register name, never a data key (【role】, 【from_honseki】).
    expect(text).not.toMatch(/【[A-Za-z_]+】/);
    expect((await verifyCertificateFile(db, issued.pdf)).verdict).toBe('genuine');
  });

  it('registers seals for about 40 % of adults, each with its own PNG impression', async () => {
    const { db } = ctx.database;
    const seals = await db.selectFrom('seal_registration').selectAll().execute();
    const { rows: adults } = await sql<{ n: number }>`
      select count(*) n from resident where status = 'active' and birth_date <= '2007-06-15'`.execute(db);
    const active = seals.filter((s) => s.status === 'active');
    expect(active.length / Number(adults[0]!.n)).toBeGreaterThan(0.3);
    expect(active.length / Number(adults[0]!.n)).toBeLessThan(0.5);
    expect(new Set(seals.map((s) => s.card_no)).size).toBe(seals.length);
    expect(new Set(seals.map((s) => Buffer.from(s.impression_png).toString('base64'))).size).toBe(
      seals.length,
    );
    for (const seal of seals) {
      const bytes = Buffer.from(seal.impression_png);
      expect(bytes.length).toBeGreaterThan(800);
      expect(bytes.length).toBeLessThan(6000);
      const png = PNG.sync.read(bytes);
      expect([png.width, png.height]).toEqual([96, 96]);
      // Red ink, and ink in the middle (the characters), not only the ring.
      const centre = (48 * 96 + 48) * 4;
      let inked = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i + 3]! > 0) inked++;
      expect(inked).toBeGreaterThan(600);
      expect(png.data[centre]).toBeGreaterThan(png.data[centre + 1]!);
      if (seal.status === 'abolished') expect(seal.abolished_reason).toBeTruthy();
    }
  });

  it('keeps three years of 課税 with the real 給与所得 formula, 非課税 and 未申告', async () => {
    const rows = await ctx.database.db.selectFrom('tax_record').selectAll().execute();
    expect(new Set(rows.map((r) => r.tax_year))).toEqual(new Set([2023, 2024, 2025]));
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of ['assessed', 'exempt', 'undeclared']) expect(statuses).toContain(s);
    for (const r of rows) {
      expect(r.total_income).toBe(r.salary_deduction_net + r.other_income);
      if (r.status === 'assessed') {
        expect(r.municipal_tax).toBeGreaterThanOrEqual(r.tax_year <= 2023 ? 3500 : 3000);
        expect(r.prefectural_tax).toBeGreaterThanOrEqual(r.tax_year <= 2023 ? 1500 : 1000);
        expect(r.taxable_income % 1000).toBe(0);
        // Without pension or business income and below 8.5 million yen no 所得金額調整控除 applies.
        if (r.other_income === 0 && r.salary_income <= 8_500_000) {
          expect(r.salary_deduction_net).toBe(salaryIncome(r.salary_income));
        }
      } else {
        expect(r.municipal_tax + r.prefectural_tax).toBe(0);
      }
    }
  });

  it('issues My Number cards whose certificates chain to the demo JPKI CA and match the derived keys', async () => {
    const { db } = ctx.database;
    const cards = await db.selectFrom('mynumber_card').selectAll().execute();
    expect(cards.length / RESIDENTS).toBeGreaterThan(0.65);
    expect(cards.length / RESIDENTS).toBeLessThan(0.85);
    expect(cards.filter((c) => c.status === 'active').length / cards.length).toBeGreaterThan(0.8);
    const ca = createDemoJpkiCa(SEED).certificate.x509;
    for (const card of cards) {
      const cert = new X509Certificate(card.certificate_pem);
      expect(cert.checkIssued(ca)).toBe(true);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(cert.serialNumber).toBe(card.certificate_serial);
      expect(new Date(cert.validTo).getTime()).toBe(new Date(card.not_after).getTime());
      expect(new Date(cert.validFrom).getTime()).toBe(new Date(card.not_before).getTime());
      expect(card.status === 'expired').toBe(new Date(card.not_after) < new Date(`${TODAY}T00:00:00+09:00`));
    }
    // The key can be derived again from seed, municipality and card serial (for a virtual card).
    for (const card of cards.slice(0, 5)) {
      const cert = new X509Certificate(card.certificate_pem);
      expect(cert.checkPrivateKey(cardKeyPair(SEED, CODE, card.card_serial).privateKey)).toBe(true);
    }
  });

  it('refuses a wrong check digit and a town that already has residents, changing nothing', async () => {
    const { db } = ctx.database;
    const before = await count(ctx.database, sql`select count(*) n from resident`);
    const bad = seedTown(db, { municipalityCode: '999998', residents: 10, seed: 1, today: TODAY });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ kind: 'invalid' });
    const again = seedTown(db, { municipalityCode: CODE, residents: 10, seed: 2, today: TODAY });
    await expect(again).rejects.toMatchObject({ kind: 'conflict', code: 'seed.municipality_not_empty' });
    await expect(seedTown(db, { municipalityCode: CODE, residents: 0, seed: 2 })).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(await count(ctx.database, sql`select count(*) n from resident`)).toBe(before);
    expect(await count(ctx.database, sql`select count(*) n from municipality where code = '999998'`)).toBe(0);
  });

  it('seeds a second municipality beside the first', async () => {
    const other = await seedTown(ctx.database.db, {
      municipalityCode: '131016',
      residents: 60,
      seed: SEED,
      today: TODAY,
    });
    expect(other.residents).toBe(60);
    const town = await ctx.database.db
      .selectFrom('municipality')
      .selectAll()
      .where('code', '=', '131016')
      .executeTakeFirstOrThrow();
    expect(town.prefecture).toBe('東京都');
    expect(town.name).not.toBe('見本市');
  });

  it('makes the same town from the same seed, row for row', async () => {
    const second = await openTestDatabase(ctx.kind);
    try {
      const again = await seedTown(second.db, {
        municipalityCode: CODE,
        residents: RESIDENTS,
        seed: SEED,
        today: TODAY,
      });
      expect(again).toEqual(report);
      for (const table of Object.keys(TABLES)) {
        const [a, b] = await Promise.all([dump(ctx.database, table), dump(second, table)]);
        const mine =
          table === 'municipality'
            ? a.filter((r) => r.code === CODE)
            : a.filter((r) => r.municipality_code === CODE);
        expect(b.length, table).toBe(mine.length);
        expect(b, table).toEqual(mine);
      }
    } finally {
      await second.close();
    }
  }, 120_000);
});
