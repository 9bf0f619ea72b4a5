import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  withJuminhyoCheck,
  withMunicipalityCheck,
  withMyNumberCheck,
} from '../../src/domain/check-digits.js';
import { EDIT_SECRET_HEADER } from '../../src/notifications/index.js';
import {
  buildNotificationTestApp,
  type NotificationTestApp,
} from '../../src/notifications/testing/notification-test-app.js';
import type { StaffLogin } from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily, newResident } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';

const TOWN = '999997';
const withMyNumber = withMyNumberCheck;
const DRAFTS = `/api/v1/municipalities/${TOWN}/notification-drafts`;

/** A finger's signature: two strokes with times. */
const SIGNATURE = {
  width: 600,
  height: 200,
  strokes: [
    {
      points: [
        { x: 10, y: 100, t: 0 },
        { x: 60, y: 40, t: 80 },
        { x: 120, y: 120, t: 170 },
      ],
    },
    {
      points: [
        { x: 200, y: 60, t: 400 },
        { x: 260, y: 150, t: 520 },
      ],
    },
  ],
};

type Member = Awaited<ReturnType<typeof newFamily>>['members'][number];

function moverOf(m: Member, extra: Record<string, unknown> = {}) {
  return {
    familyName: m.family_name,
    givenName: m.given_name,
    familyNameKana: m.family_name_kana,
    givenNameKana: m.given_name_kana,
    birthDate: m.birth_date,
    sex: m.sex,
    relationship: m.relationship,
    ...extra,
  };
}

async function residentRows(app: NotificationTestApp, ids: number[]) {
  return app.deps.db
    .selectFrom('resident')
    .selectAll()
    .where('municipality_code', '=', TOWN)
    .where('resident_id', 'in', ids)
    .orderBy('resident_id')
    .execute();
}

async function eventsOf(app: NotificationTestApp, residentId: number, municipalityCode = TOWN) {
  return app.deps.db
    .selectFrom('resident_event')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .orderBy('seq')
    .execute();
}

describeOnDrivers('notifications: 転入・転居・転出 through the API', (ctx) => {
  let app: NotificationTestApp;
  let counter: StaffLogin;

  beforeAll(async () => {
    const engine = await createTestEngine(ctx.database);
    app = await buildNotificationTestApp(ctx.database, engine.identities);
    counter = await app.login('counter');
  });
  afterAll(async () => {
    await app?.close();
  });

  /** The phone: make, fill and submit a draft; returns its reference and secret. */
  async function phoneDraft(kind: string, content: unknown) {
    const created = await app.t.app.inject({ method: 'POST', url: DRAFTS, payload: { kind, content } });
    expect(created.statusCode, created.body).toBe(201);
    const { reference, editSecret, qrText } = created.json();
    expect(qrText).toBe(`MDGN1:${TOWN}:${reference}`);
    const submitted = await app.t.app.inject({
      method: 'POST',
      url: `${DRAFTS}/${reference}/submit`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    return { reference: reference as string, editSecret: editSecret as string, qrText: qrText as string };
  }

  /** The counter: open by the QR text, let the resident sign on the tablet, check the ID, accept. */
  async function throughCounter(qrOrReference: string, login = counter) {
    app.clock.advanceMinutes(30);
    const opened = await app.staff(
      login,
      'POST',
      `/api/v1/counter/notifications/${encodeURIComponent(qrOrReference)}/open`,
      {},
    );
    expect(opened.statusCode, opened.body).toBe(200);
    const view = opened.json();
    expect(view.problems, JSON.stringify(view.problems)).toEqual([]);
    expect(view.acceptable).toBe(true);
    const reference = view.reference as string;
    app.clock.advanceMinutes(3);
    const tablet = await app.staff(login, 'GET', `/api/v1/counter/notifications/${reference}/tablet`);
    expect(tablet.statusCode, tablet.body).toBe(200);
    const confirmed = await app.staff(login, 'POST', `/api/v1/counter/notifications/${reference}/confirm`, {
      contentVersion: tablet.json().contentVersion,
      signature: SIGNATURE,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().signature).toMatchObject({ kind: 'strokes', strokes: 2, points: 5 });
    app.clock.advanceMinutes(4);
    const accepted = await app.staff(login, 'POST', `/api/v1/counter/notifications/${reference}/accept`, {
      contentVersion: tablet.json().contentVersion,
      identityDocument: { kind: 'mynumber_card' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    return { view, accepted: accepted.json(), reference };
  }

  it('転居: the whole household moves within the town; the register shows the new address and its history', async () => {
    const family = await newFamily(ctx.database.db, { size: 3 });
    const before = await residentRows(
      app,
      family.members.map((m) => m.resident_id),
    );
    const to = {
      postalCode: '999-9998',
      address: '見本県見本市緑町一丁目5番6号',
      katagaki: '緑ハイツ202号室',
    };
    const { qrText, reference, editSecret } = await phoneDraft('tenkyo', {
      moveDate: '2026-11-20',
      wholeHousehold: true,
      from: {
        postalCode: '9999999',
        address: '見本県見本市本町二丁目3番4号',
        katagaki: 'みほんハイツ101号室',
      },
      to,
      household: { arrangement: 'same' },
      // The resident typed 吉田 for 𠮷田 and the kana in hiragana: the register's form wins, the clerk sees it.
      movers: family.members.map((m, i) =>
        moverOf(m, i === 0 ? { familyName: '吉田', familyNameKana: 'よしだ' } : {}),
      ),
      phone: '090-1234-5678',
    });
    const reopened = await app.t.app.inject({
      method: 'GET',
      url: `${DRAFTS}/${reference}`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    expect(reopened.json().content.movers[0].familyNameKana).toBe('ヨシダ');

    const { view, accepted } = await throughCounter(qrText);
    // The counter saw the draft beside the register, field by field.
    const first = view.comparison.movers.find((m: { index: number }) => m.index === 0);
    expect(first.residentId).toBe(family.members[0]!.resident_id);
    const status = Object.fromEntries(
      first.fields.map((f: { field: string; status: string }) => [f.field, f.status]),
    );
    expect(status).toMatchObject({
      familyName: 'variant',
      givenName: 'same',
      familyNameKana: 'same',
      birthDate: 'same',
      address: 'same',
      katagaki: 'same',
    });
    expect(view.comparison.plan.map((p: { after: { address: string } }) => p.after.address)).toEqual(
      Array(3).fill(to.address),
    );

    const after = await residentRows(
      app,
      family.members.map((m) => m.resident_id),
    );
    for (const [i, row] of after.entries()) {
      expect(row.address).toBe(to.address);
      expect(row.postal_code).toBe('9999998');
      expect(row.katagaki).toBe(to.katagaki);
      expect(row.address_since).toBe('2026-11-20');
      expect(row.notified_on).toBe('2026-11-24');
      expect(row.previous_address).toBe('見本県見本市本町二丁目3番4号');
      expect(row.household_id).toBe(family.householdId);
      expect(row.family_name).toBe('𠮷田');
      expect(row.version).toBe(before[i]!.version + 1);
      const events = await eventsOf(app, row.resident_id);
      expect(events.at(-1)).toMatchObject({
        event_type: 'tenkyo',
        event_date: '2026-11-20',
        notified_on: '2026-11-24',
      });
      expect(events.at(-1)!.details).toMatchObject({
        previousAddress: '見本県見本市本町二丁目3番4号',
        notification: reference,
      });
    }
    expect(accepted.result.residents).toHaveLength(3);
    expect(accepted.timings.receivedAt).not.toBeNull();
    expect(new Date(accepted.timings.finishedAt).getTime()).toBeGreaterThan(
      new Date(accepted.timings.enteredAt).getTime(),
    );
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', reference)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'notification.open',
      'notification.confirm',
      'notification.accept',
    ]);
  });

  let tenshutsu: { reference: string; code: string; members: Member[] };

  it('転出: the household moves out; seal registration abolished; a signed 転出証明書 that poppler verifies', async () => {
    const family = await newFamily(ctx.database.db, { size: 2 });
    const head = family.members[0]!;
    const sealBefore = await app.deps.db
      .selectFrom('seal_registration')
      .selectAll()
      .where('resident_id', '=', head.resident_id)
      .executeTakeFirstOrThrow();
    expect(sealBefore.status).toBe('active');
    const { qrText, reference } = await phoneDraft('tenshutsu', {
      moveDate: '2026-11-23',
      wholeHousehold: true,
      from: {
        postalCode: '9999999',
        address: '見本県見本市本町二丁目3番4号',
        katagaki: 'みほんハイツ101号室',
      },
      to: { postalCode: '888-8888', address: '試験県試験町大字試験123番地' },
      movers: family.members.map((m) => moverOf(m)),
    });
    const { accepted } = await throughCounter(qrText);
    expect(accepted.certificate.number).toMatch(/^第R8-転\d{6}号$/);
    expect(accepted.certificate.url).toBe(
      `https://madoguchi.test/api/v1/tenshutsu-certificates/${accepted.certificate.verificationCode}`,
    );
    expect(accepted.result.sealsAbolished).toEqual([
      { residentId: head.resident_id, registrationNo: sealBefore.registration_no },
    ]);

    const rows = await residentRows(
      app,
      family.members.map((m) => m.resident_id),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'moved_out',
        removed_on: '2026-11-23',
        removal_reason: '転出',
        moved_to_address: '試験県試験町大字試験123番地',
        notified_on: '2026-11-24',
      });
      const events = await eventsOf(app, row.resident_id);
      expect(events.at(-1)).toMatchObject({ event_type: 'tenshutsu', event_date: '2026-11-23' });
    }
    const seal = await app.deps.db
      .selectFrom('seal_registration')
      .selectAll()
      .where('registration_no', '=', sealBefore.registration_no)
      .executeTakeFirstOrThrow();
    expect(seal).toMatchObject({ status: 'abolished', abolished_on: '2026-11-24', abolished_reason: '転出' });

    const pdf = await app.staff(
      counter,
      'GET',
      `/api/v1/counter/notifications/${reference}/tenshutsu-certificate.pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = pdfFile(pdf.rawPayload, 'tenshutsu.pdf');
    expect(pdfsig(file)).toMatch(/Signature Validation: Signature is Valid/);
    const text = pdftotext(file).replace(/\s+/g, '');
    for (const expected of [
      '転出証明書',
      '𠮷田太郎',
      '𠮷田花子',
      '試験県試験町大字試験123番地',
      head.juminhyo_code,
      '見本市長',
      accepted.certificate.number,
    ])
      expect(text, expected).toContain(expected);

    // Anyone holding the paper can check it by its code, and the file byte for byte.
    const code = accepted.certificate.verificationCode as string;
    const lookup = await app.t.app.inject({
      method: 'GET',
      url: `/api/v1/tenshutsu-certificates/${code.toLowerCase()}`,
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({
      municipalityCode: TOWN,
      number: accepted.certificate.number,
      issuedOn: '2026-11-24',
    });
    expect(lookup.body).not.toContain('𠮷田');
    const check = (body: Buffer) =>
      app.t.app.inject({
        method: 'POST',
        url: `/api/v1/tenshutsu-certificates/${code}/check`,
        headers: { 'content-type': 'application/pdf' },
        payload: body,
      });
    expect((await check(pdf.rawPayload)).json().file).toEqual({
      verdict: 'genuine',
      signatureValid: true,
      sameBytes: true,
    });
    const altered = Buffer.from(pdf.rawPayload);
    altered[Math.floor(altered.length / 3)]! ^= 1;
    expect((await check(altered)).json().file.verdict).toBe('altered');
    tenshutsu = { reference, code, members: family.members };
  });

  it('引越しワンストップ: the next town reads the transfer record instead of paper and registers the household', async () => {
    const other = withMunicipalityCheck('99998');
    await app.deps.db
      .insertInto('municipality')
      .values({
        code: other,
        name: '試験町',
        name_kana: 'しけんちょう',
        prefecture: '試験県',
        mayor_title: '町長',
        mayor_name: '試験　次郎',
        office_address: '試験県試験町大字試験1番地',
        postal_code: '8888888',
        phone: '0000-00-0001',
      })
      .execute();
    const record = await app.staff(
      counter,
      'GET',
      `/api/v1/counter/notifications/${tenshutsu.reference}/transfer-record`,
    );
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json()).toMatchObject({
      format: 'madoguchi.transfer-record/1',
      from: { municipalityCode: TOWN },
    });
    expect(record.json().signature.algorithm).toBe('RS256');

    const created = await app.t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${other}/notification-drafts`,
      payload: {
        kind: 'tennyu',
        content: {
          moveDate: '2026-11-23',
          from: { postalCode: '9999999', address: '見本県見本市本町二丁目3番4号' },
          to: { postalCode: '8888888', address: '試験県試験町大字試験123番地' },
          household: { arrangement: 'new' },
          movers: tenshutsu.members.map((m, i) => moverOf(m, i === 0 ? { familyName: '吉田' } : {})),
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { reference, editSecret } = created.json();
    await app.t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${other}/notification-drafts/${reference}/submit`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    const clerk = await app.login('counter', other);
    const opened = await app.staff(clerk, 'POST', `/api/v1/counter/notifications/${reference}/open`, {});
    expect(opened.statusCode, opened.body).toBe(200);
    // A record changed on the way (a birth date) no longer verifies with the former town's certificate.
    const forged = structuredClone(record.json());
    forged.persons[1].birthDate = '1990-01-01';
    const refused = await app.staff(
      clerk,
      'PUT',
      `/api/v1/counter/notifications/${reference}/transfer-record`,
      {
        record: forged,
      },
    );
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('transfer_record_signature_invalid');
    const attached = await app.staff(
      clerk,
      'PUT',
      `/api/v1/counter/notifications/${reference}/transfer-record`,
      { record: record.json() },
    );
    expect(attached.statusCode, attached.body).toBe(200);
    const view = attached.json();
    expect(view.transferRecord).toMatchObject({
      signatureVerified: true,
      persons: 2,
      from: { municipalityCode: TOWN },
    });
    const compared = view.comparison.movers.find((m: { index: number }) => m.index === 0);
    expect(compared.source).toBe('transfer_record');
    expect(compared.fields.find((f: { field: string }) => f.field === 'familyName').status).toBe('variant');
    expect(view.acceptable).toBe(true);

    const { accepted } = await throughCounter(reference, clerk);
    const arrived = await app.deps.db
      .selectFrom('resident')
      .selectAll()
      .where('municipality_code', '=', other)
      .orderBy('resident_id')
      .execute();
    expect(arrived).toHaveLength(2);
    for (const [i, row] of arrived.entries()) {
      const before = tenshutsu.members[i]!;
      expect(row).toMatchObject({
        juminhyo_code: before.juminhyo_code,
        kojin_bango: before.kojin_bango,
        // The former town's register decides how the name is written.
        family_name: '𠮷田',
        given_name: before.given_name,
        birth_date: before.birth_date,
        address: '試験県試験町大字試験123番地',
        previous_address: '見本県見本市本町二丁目3番4号',
        resident_since: '2026-11-23',
        status: 'active',
        household_id: accepted.result.householdId,
      });
      const events = await eventsOf(app, row.resident_id, other);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event_type: 'tennyu', event_date: '2026-11-23' });
      expect(events[0]!.details).toMatchObject({
        fromMunicipality: TOWN,
        transferCertificate: record.json().certificateNumber,
      });
    }
    const household = await app.deps.db
      .selectFrom('household')
      .selectAll()
      .where('municipality_code', '=', other)
      .executeTakeFirstOrThrow();
    expect(household.head_resident_id).toBe(arrived[0]!.resident_id);
  });

  it('転入: a family from another town; new residents and household; 就学 and 介護保険 in the guidance', async () => {
    const { qrText, reference } = await phoneDraft('tennyu', {
      moveDate: '2026-11-23',
      from: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
      to: { postalCode: '9999999', address: '見本県見本市本町一丁目2番3号', katagaki: 'さくら荘3号室' },
      household: { arrangement: 'new' },
      movers: [
        {
          familyName: '髙橋',
          givenName: '一郎',
          familyNameKana: 'たかはし',
          givenNameKana: 'いちろう',
          birthDate: '1988-06-01',
          sex: 'M',
          relationship: '世帯主',
          insurance: 'shaho',
          pension: 'dai2',
          honseki: '東京都千代田区千代田1番',
          hittosha: '髙橋　一郎',
        },
        {
          familyName: '髙橋',
          givenName: '葵',
          familyNameKana: 'たかはし',
          givenNameKana: 'あおい',
          birthDate: '2019-06-15',
          sex: 'F',
          relationship: '子',
          insurance: 'shaho_dependent',
          school: { current: '千代田小学校', transfer: true },
        },
        {
          familyName: '髙橋',
          givenName: '𠮷子',
          familyNameKana: 'たかはし',
          givenNameKana: 'よしこ',
          birthDate: '1958-08-08',
          sex: 'F',
          relationship: '母',
          insurance: 'kokuho',
          pension: 'receiving',
          myNumber: withMyNumber('20251124001'),
        },
      ],
      dogs: 0,
    });
    const { accepted } = await throughCounter(qrText);
    expect(accepted.guidance.procedures.map((p: { id: string }) => p.id)).toEqual([
      'kokuho',
      'jido-teate',
      'kodomo-iryo',
      'shugaku',
      'kaigo',
    ]);
    const ids = accepted.result.residents.map((r: { residentId: number }) => r.residentId);
    const rows = await residentRows(app, ids);
    expect(rows.map((r) => r.given_name)).toEqual(['一郎', '葵', '𠮷子']);
    for (const row of rows) {
      expect(row.juminhyo_code).toMatch(/^\d{11}$/);
      expect(withJuminhyoCheck(row.juminhyo_code.slice(0, 10))).toBe(row.juminhyo_code);
      expect(row).toMatchObject({
        household_id: accepted.result.householdId,
        address: '見本県見本市本町一丁目2番3号',
        katagaki: 'さくら荘3号室',
        resident_since: '2026-11-23',
        previous_address: '東京都千代田区千代田1番1号',
        family_name: '髙橋',
        family_name_kana: 'タカハシ',
      });
      const events = await eventsOf(app, row.resident_id);
      expect(events.map((e) => e.event_type)).toEqual(['tennyu']);
      expect(events[0]!.details).toMatchObject({
        previousAddress: '東京都千代田区千代田1番1号',
        notification: reference,
      });
    }
    expect(rows[2]!.kojin_bango).toBe(withMyNumber('20251124001'));
    const household = await app.deps.db
      .selectFrom('household')
      .selectAll()
      .where('municipality_code', '=', TOWN)
      .where('household_id', '=', accepted.result.householdId)
      .executeTakeFirstOrThrow();
    expect(household.head_resident_id).toBe(ids[0]);

    // ワンスオンリー: each department's form gets the data it needs, with the new resident ids.
    const guidance = await app.staff(counter, 'GET', `/api/v1/counter/notifications/${reference}/guidance`);
    const shugaku = guidance.json().forms.find((f: { procedureId: string }) => f.procedureId === 'shugaku');
    expect(shugaku.persons).toEqual([
      {
        residentId: ids[1],
        name: { familyName: '髙橋', givenName: '葵' },
        kana: { familyName: 'タカハシ', givenName: 'アオイ' },
        birthDate: '2019-06-15',
        sex: 'F',
        schoolGrade: 1,
        school: { current: '千代田小学校', transfer: true },
      },
    ]);
    expect(shugaku.household.head).toBe('髙橋　一郎');
    const sheet = await app.staff(counter, 'GET', `/api/v1/counter/notifications/${reference}/guidance.pdf`);
    expect(sheet.statusCode).toBe(200);
    const text = pdftotext(pdfFile(sheet.rawPayload, 'guidance.pdf')).replace(/\s+/g, '');
    for (const expected of [
      '他課手続きのご案内',
      '転入学の手続き',
      '介護保険の資格取得',
      '髙橋葵',
      '髙橋𠮷子',
      '教育委員会学務課',
    ])
      expect(text, expected).toContain(expected);
  });

  it('the paper path uses the same API, and the dashboard compares both paths', async () => {
    const single = await newResident(ctx.database.db, { birth_date: '1995-05-05', relationship: '世帯主' });
    const paper = await app.staff(counter, 'POST', '/api/v1/counter/notifications', {
      kind: 'tenkyo',
      content: {
        moveDate: '2026-11-24',
        wholeHousehold: true,
        from: { postalCode: '9999999', address: single.address },
        to: { postalCode: '9999999', address: '見本県見本市本町五丁目1番1号' },
        household: { arrangement: 'same' },
        movers: [moverOf(single as unknown as Member)],
      },
    });
    expect(paper.statusCode, paper.body).toBe(201);
    expect(paper.json()).toMatchObject({ path: 'paper', status: 'submitted' });
    expect(paper.json()).not.toHaveProperty('editSecret');
    const reference = paper.json().reference;
    // The phone can never open a paper notification.
    const phone = await app.t.app.inject({
      method: 'GET',
      url: `${DRAFTS}/${reference}`,
      headers: { [EDIT_SECRET_HEADER]: 'x' },
    });
    expect(phone.statusCode).toBe(403);
    app.clock.advanceMinutes(10);
    const opened = await app.staff(counter, 'POST', `/api/v1/counter/notifications/${reference}/open`, {});
    expect(opened.json().acceptable, opened.body).toBe(true);
    app.clock.advanceMinutes(2);
    const signed = await app.staff(counter, 'POST', `/api/v1/counter/notifications/${reference}/confirm`, {
      contentVersion: 1,
      onPaper: true,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    app.clock.advanceMinutes(5);
    const accepted = await app.staff(counter, 'POST', `/api/v1/counter/notifications/${reference}/accept`, {
      contentVersion: 1,
      identityDocument: { kind: 'drivers_license' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await residentRows(app, [single.resident_id]))[0]!.address).toBe('見本県見本市本町五丁目1番1号');

    const stats = await app.login('stats');
    const denied = await app.staff(counter, 'GET', '/api/v1/stats/notifications?from=2026-11&to=2026-11');
    expect(denied.statusCode).toBe(403);
    const res = await app.staff(stats, 'GET', '/api/v1/stats/notifications?from=2026-10&to=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // In this town: 転居 ×2 (digital, paper), 転出 ×1, 転入 ×1 (the other town's is not counted here).
    expect(body).toMatchObject({ total: 4, digital: 3, usageRate: 0.75 });
    const november = (kind: string) =>
      body.usage.find((u: { month: string; kind: string }) => u.month === '2026-11' && u.kind === kind);
    expect(november('tenkyo')).toEqual({
      month: '2026-11',
      kind: 'tenkyo',
      digital: 1,
      paper: 1,
      total: 2,
      usageRate: 0.5,
    });
    expect(november('tenshutsu')).toMatchObject({ digital: 1, paper: 0, usageRate: 1 });
    expect(
      body.usage.find((u: { month: string; kind: string }) => u.month === '2026-10' && u.kind === 'tenkyo'),
    ).toMatchObject({ total: 0, usageRate: null });
    expect(body.ageGroups.find((g: { ageGroup: string }) => g.ageGroup === '30-39')).toEqual({
      ageGroup: '30-39',
      digital: 1,
      paper: 1,
      total: 2,
      usageRate: 0.5,
    });
    const phase = (path: string, kind: string) =>
      body.phases.find((p: { path: string; kind: string }) => p.path === path && p.kind === kind);
    expect(phase('paper', 'tenkyo')).toMatchObject({
      count: 1,
      entryMinutes: 10,
      reviewMinutes: 2,
      finishMinutes: 5,
      counterMinutes: 7,
    });
    expect(phase('digital', 'tenkyo')).toMatchObject({
      count: 1,
      entryMinutes: 30,
      reviewMinutes: 3,
      finishMinutes: 4,
      counterMinutes: 7,
    });
  });
});
