import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { listIssueNumbers } from '../../src/issuance/data/issuance.repository.js';
import type { IssuanceDeps } from '../../src/issuance/use-cases/issue-certificate.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { buildServer } from '../../src/server.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine, testServices } from '../support/engine.js';
import { newFamily, newKaiseigenRegister } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';

const TOKEN = 'internal-token-for-kaiseigen-tests-0123';
let keySeq = 0;
const key = () => `kaiseigen-${Date.now().toString(36)}-${++keySeq}`;
const compact = (text: string) => text.replace(/\s+/g, '');

/**
 * 改製原戸籍謄抄本 through the engine's HTTP API: issued at the counter and by mail from
 * the person's pre-revision register, refused at kiosks and online, and refused with a
 * reason to anyone not on such a register — every refusal leaving no issuance behind.
 */
describeOnDrivers('改製原戸籍謄抄本 (koseki-kaiseigen)', (ctx) => {
  let engine: IssuanceDeps;
  let server: Awaited<ReturnType<typeof buildServer>>;
  let family: Awaited<ReturnType<typeof newFamily>>;
  let register: Awaited<ReturnType<typeof newKaiseigenRegister>>;

  beforeAll(async () => {
    engine = await createTestEngine(ctx.database);
    server = await buildServer({
      database: ctx.database,
      config: { ...loadConfig({}), logLevel: 'silent' },
      services: testServices(ctx.database, engine, TOKEN),
    });
    family = await newFamily(ctx.database.db, { size: 3 });
    // The head grew up in his parents' register, replaced by the computerised one in 1996.
    register = await newKaiseigenRegister(ctx.database.db, { children: [family.members[0]!] });
    // Recorded after the 改製 (in the register that replaced it): not part of the 改製原戸籍.
    await ctx.database.db
      .insertInto('koseki_event')
      .values({
        municipality_code: '999997',
        koseki_id: register.kosekiId,
        member_no: 1,
        seq: 9,
        event_type: 'shibou',
        event_date: '2010-08-15',
        details: JSON.stringify({ deathPlace: '東京都千代田区' }),
      })
      .execute();
  });
  afterAll(async () => {
    await server.close();
  });

  function request(overrides: Record<string, unknown>) {
    const head = family.members[0]!;
    return {
      municipalityCode: '999997',
      idempotencyKey: key(),
      channel: 'counter',
      clerkId: 'clerk-kaiseigen',
      terminalId: 'counter-3',
      subject: { residentId: head.resident_id },
      requester: {
        relation: 'self',
        identityVerified: true,
        identityDocument: '運転免許証',
        residentId: head.resident_id,
      },
      options: { certificate: 'koseki-kaiseigen', scope: 'all' },
      payment: 'cash',
      ...overrides,
    };
  }

  const post = (payload: Record<string, unknown>) =>
    server.inject({
      method: 'POST',
      url: '/internal/v1/issuances',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload,
    });

  async function written() {
    const db = ctx.database.db;
    const count = async (table: 'issuance' | 'ledger_entry') =>
      (await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    return {
      issuances: await count('issuance'),
      ledger: await count('ledger_entry'),
      numbers: await listIssueNumbers(db, '999997', 2026),
    };
  }

  async function expectRefused(payload: Record<string, unknown>, code: string, says: RegExp) {
    const before = await written();
    const res = await post(payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe(code);
    expect(problem.ja).toMatch(says);
    expect(problem.en.length).toBeGreaterThan(0);
    expect(await written()).toEqual(before);
    return problem;
  }

  it('issues 本人 the 改製原戸籍謄本 at the counter, found from the person: 750 yen from the fee schedule, signed, genuine', async () => {
    const res = await post(request({}));
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json();
    expect(issued).toMatchObject({ certificate: 'koseki-kaiseigen', unitFee: 750, totalFee: 750 });

    // The fee is the schedule's rule for this kind at the counter, not a constant of the engine.
    const row = await ctx.database.db
      .selectFrom('issuance')
      .innerJoin('fee_schedule', (j) =>
        j
          .onRef('fee_schedule.municipality_code', '=', 'issuance.municipality_code')
          .onRef('fee_schedule.rule_id', '=', 'issuance.fee_rule_id'),
      )
      .select([
        'fee_schedule.certificate',
        'fee_schedule.channel',
        'fee_schedule.fee',
        'issuance.subject_koseki_id',
      ])
      .where('issuance.issuance_id', '=', issued.issuanceId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      certificate: 'koseki-kaiseigen',
      channel: 'counter',
      fee: 750,
      subject_koseki_id: register.kosekiId,
    });

    const pdf = Buffer.from(issued.pdfBase64, 'base64');
    const file = pdfFile(pdf);
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
    const text = compact(pdftotext(file));
    const head = family.members[0]!;
    for (const expected of [
      '改製原戸籍謄本',
      'この謄本は、改製原戸籍の原本と相違ないことを認証する。',
      register.honseki,
      // The 筆頭者 and everyone on the register, names exactly as registered.
      '𠮷田太一',
      '【名】太一',
      '【名】﨑子',
      `【名】${head.given_name}`,
      '【名】嫁子',
      '【続柄】長男',
      '【配偶者氏名】山川　一',
      // Why and when the register was closed.
      '戸籍改製',
      '【改製日】平成８年３月１日',
      '平成6年法務省令第51号附則第2条第1項による改製につき消除',
      issued.printedIssueNumber,
    ])
      expect(text, expected).toContain(compact(expected));
    // What was recorded after the 改製 belongs to the new register.
    expect(text).not.toContain('死亡');
    expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('genuine');

    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select(['subject_type', 'subject_id'])
      .where('action', '=', 'certificate.issue')
      .where(sql<string>`details->>'issuanceId'`, '=', issued.issuanceId)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ subject_type: 'koseki', subject_id: String(register.kosekiId) });
  });

  it('issues the 抄本 of one person by mail, paid by 定額小為替', async () => {
    const res = await post(
      request({
        channel: 'mail',
        subject: { kosekiId: register.kosekiId },
        options: { certificate: 'koseki-kaiseigen', scope: 'member', memberNo: 3 },
        payment: 'postal_order',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ totalFee: 750, paymentMethod: 'postal_order' });
    const file = pdfFile(Buffer.from(res.json().pdfBase64, 'base64'));
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
    const text = compact(pdftotext(file));
    expect(text).toContain('改製原戸籍抄本');
    expect(text).toContain('この抄本は、改製原戸籍の原本の一部と相違ないことを認証する。');
    expect(text).toContain(`【名】${family.members[0]!.given_name}`);
    expect(text).not.toContain('【名】﨑子');
  });

  it('refuses it at kiosks and online: counter and mail only, and nothing is written', async () => {
    const head = family.members[0]!;
    const cardHolder = {
      relation: 'self',
      identityVerified: true,
      residentId: head.resident_id,
      presented: { myNumberCard: true },
    };
    for (const channel of [
      { channel: 'kiosk', kioskKind: 'store' },
      { channel: 'kiosk', kioskKind: 'town_hall' },
      { channel: 'online', payment: 'card' },
    ])
      await expectRefused(
        request({ ...channel, requester: cardHolder }),
        'certificate_counter_mail_only',
        /改製原戸籍謄抄本」は、窓口または郵送でのみ/,
      );
  });

  it('refuses someone on no 改製原戸籍, asked by person or by a current register, and changes nothing', async () => {
    const wife = family.members[1]!;
    const asWife = { residentId: wife.resident_id, relation: 'self', identityVerified: true };
    await expectRefused(
      request({ subject: { residentId: wife.resident_id }, requester: asWife }),
      'no_kaiseigen_register',
      /改製原戸籍はありません/,
    );
    await expectRefused(
      request({ subject: { kosekiId: family.kosekiId }, requester: asWife }),
      'record_current',
      /現在のもの/,
    );
  });

  it('asks for the register when the person is on two 改製原戸籍, and issues the one named', async () => {
    const head = family.members[0]!;
    const own = await newKaiseigenRegister(ctx.database.db, {
      familyName: '𠮷田',
      honseki: '見本県見本市本町七丁目3番地',
      compiledOn: '1985-06-01',
      children: [head],
    });
    const problem = await expectRefused(request({}), 'register_choice_required', /2件/);
    expect([...problem.kosekiIds].sort()).toEqual([register.kosekiId, own.kosekiId].sort());
    const named = await post(request({ subject: { kosekiId: own.kosekiId } }));
    expect(named.statusCode, named.body).toBe(201);
    const text = compact(pdftotext(pdfFile(Buffer.from(named.json().pdfBase64, 'base64'))));
    expect(text).toContain('見本県見本市本町七丁目3番地');
  });
});
