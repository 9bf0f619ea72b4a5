import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config.js';
import type { DB } from '../../src/db/schema.js';
import { foldAddress, foldKanji, kanaKey, nameKey } from '../../src/domain/text-fold.js';
import { signKioskRequest } from '../../src/identity/index.js';
import { verifyCertificateFile } from '../../src/issuance/use-cases/verify-certificate.js';
import { buildServer } from '../../src/server.js';
import { CSRF_HEADER, type DemoStaffCredential, ensureDemoStaff } from '../../src/staff/index.js';
import { totpAt } from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine, OPEN_HOURS, testServices } from '../support/engine.js';
import { newMunicipality } from '../support/factories.js';
import { pdfFile, pdfsig, pdftotext } from '../support/poppler.js';
import {
  cardDir,
  cardFileFor,
  newCard,
  newKiosk,
  newTestCa,
  OTHER_TOWN,
  type TestCa,
  type TestCard,
  type TestKiosk,
  TOWN,
  trustCa,
} from './identity-fixtures.js';

/** A = the 本籍地 (the test engine's town, with kiosk fees); B = where the card holders live. */
const A = TOWN;
const B = OTHER_TOWN;
/** Tuesday 24 Nov 2026 10:00 in Tokyo; the default usable_from is Sunday 29 Nov 00:00. */
const APPLIED = OPEN_HOURS;
/** Monday 30 Nov 2026 10:00 in Tokyo: a weekday inside the kiosks' 戸籍 hours. */
const AFTER_WAIT = new Date('2026-11-30T01:00:00Z');

interface Person {
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: 'M' | 'F';
  relationship: string;
}

/** A register of A whose members live elsewhere (no resident link), with its events and 附票. */
async function newRegister(db: Kysely<DB>, honseki: string, hittosha: string, members: Person[]) {
  const kosekiId = 700_000 + Math.floor(Math.random() * 1_000_000_000);
  await db
    .insertInto('koseki')
    .values({
      municipality_code: A,
      koseki_id: kosekiId,
      honseki,
      hittosha,
      honseki_key: foldAddress(honseki),
      hittosha_key: foldKanji(hittosha),
      compiled_on: '2005-06-01',
      closed_on: null,
      closed_reason: null,
    })
    .execute();
  await db
    .insertInto('koseki_event')
    .values({
      municipality_code: A,
      koseki_id: kosekiId,
      member_no: 0,
      seq: 1,
      event_type: 'hensei',
      event_date: '2005-06-01',
      details: JSON.stringify({ reason: '婚姻' }),
    })
    .execute();
  for (const [i, m] of members.entries()) {
    await db
      .insertInto('koseki_member')
      .values({
        municipality_code: A,
        koseki_id: kosekiId,
        member_no: i + 1,
        family_name: m.familyName,
        given_name: m.givenName,
        birth_date: m.birthDate,
        sex: m.sex,
        father_name: '山田　一',
        mother_name: '山田　花',
        relationship: m.relationship,
        resident_id: null,
        juminhyo_code: null,
      })
      .execute();
    await db
      .insertInto('koseki_event')
      .values({
        municipality_code: A,
        koseki_id: kosekiId,
        member_no: i + 1,
        seq: 1,
        event_type: 'shussei',
        event_date: m.birthDate,
        details: JSON.stringify({ birthplace: '見本県見本市', notifier: '父', notifiedOn: m.birthDate }),
      })
      .execute();
    await db
      .insertInto('fuhyo_entry')
      .values({
        municipality_code: A,
        koseki_id: kosekiId,
        member_no: i + 1,
        seq: 1,
        address: '別見本県別見本市中町1番2号',
        address_since: '2015-04-01',
      })
      .execute();
  }
  return kosekiId;
}

describeOnDrivers('本籍地 利用者登録申請: kiosk application, review, kiosk use', (ctx) => {
  let app: FastifyInstance;
  let now = APPLIED;
  let ca: TestCa;
  let staff: Record<string, DemoStaffCredential>;
  let otherTownStaff: Record<string, DemoStaffCredential>;
  const clock = () => now;

  beforeAll(async () => {
    const db = ctx.database.db;
    const issuance = await createTestEngine(ctx.database, clock);
    await newMunicipality(db, B);
    const services = testServices(ctx.database, issuance);
    app = await buildServer({
      database: ctx.database,
      config: { ...loadConfig({}), logLevel: 'silent', renderWorkers: 0 },
      services,
    });
    await app.ready();
    staff = Object.fromEntries((await ensureDemoStaff(services.staff, A)).map((c) => [c.role, c]));
    otherTownStaff = Object.fromEntries((await ensureDemoStaff(services.staff, B)).map((c) => [c.role, c]));
    ca = newTestCa();
    await trustCa(db, ca);
    return async () => {
      await app.close();
    };
  }, 60_000);

  async function kioskCall(kiosk: TestKiosk, path: string, body: unknown) {
    const payload = JSON.stringify(body);
    const headers = signKioskRequest({
      kioskId: kiosk.kioskId,
      privateKey: kiosk.privateKey,
      method: 'POST',
      path,
      body: payload,
      now,
    });
    return app.inject({
      method: 'POST',
      url: path,
      payload,
      headers: { ...headers, 'content-type': 'application/json' },
    });
  }

  /** A resident of B with a card; their name and birth date are what the application will carry. */
  async function newHolder(person: Omit<Person, 'relationship'>): Promise<TestCard> {
    const card = await newCard(ctx.database.db, ca, { municipalityCode: B });
    await ctx.database.db
      .updateTable('resident')
      .set({
        family_name: person.familyName,
        given_name: person.givenName,
        family_name_kana: 'タカハシ',
        given_name_kana: 'ハナコ',
        name_key: nameKey(person.familyName, person.givenName),
        kana_key: kanaKey('タカハシ', 'ハナコ'),
        birth_date: person.birthDate,
        sex: person.sex,
        address: '別見本県別見本市中町1番2号',
      })
      .where('municipality_code', '=', B)
      .where('resident_id', '=', card.residentId)
      .execute();
    return card;
  }

  async function openSession(kiosk: TestKiosk, card: TestCard) {
    const virtual = await cardFileFor(cardDir(), card);
    const challenge = await kioskCall(kiosk, '/api/v1/kiosk/auth/challenge', {});
    expect(challenge.statusCode).toBe(201);
    const signature = await virtual.sign(Buffer.from(challenge.json().message, 'base64'), '1234');
    const complete = await kioskCall(kiosk, '/api/v1/kiosk/auth/complete', {
      challengeId: challenge.json().challengeId,
      certificate: card.certificate.der.toString('base64'),
      signature: signature.toString('base64'),
    });
    expect(complete.statusCode).toBe(200);
    return complete.json().sessionToken as string;
  }

  async function logIn(who: DemoStaffCredential, municipalityCode: string) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      remoteAddress: '192.0.2.20',
      payload: {
        municipalityCode,
        loginName: who.loginName,
        password: who.password,
        totp: totpAt(who.totpSecret, new Date()),
        terminalId: 'review-01',
      },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = response.headers['set-cookie'];
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
    return { cookie, csrf: response.json().csrfToken as string };
  }

  type Login = Awaited<ReturnType<typeof logIn>>;
  const logins = new Map<string, Login>();
  /** One login per account: a TOTP code that opened a session is never accepted again. */
  async function loginOf(role: 'review' | 'counter', town: 'A' | 'B' = 'A') {
    const key = `${town}:${role}`;
    if (!logins.has(key))
      logins.set(key, await logIn(town === 'A' ? staff[role]! : otherTownStaff[role]!, town === 'A' ? A : B));
    return logins.get(key)!;
  }

  async function asStaff(login: Login, method: 'GET' | 'POST', url: string, payload?: unknown) {
    return app.inject({
      method,
      url,
      headers: { cookie: login.cookie, ...(method === 'POST' ? { [CSRF_HEADER]: login.csrf } : {}) },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  }

  async function auditRows(municipalityCode: string, action: string) {
    return ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  const key = () => `apply-${randomBytes(6).toString('hex')}`;

  it('applies at the kiosk, is approved by 審査, is refused before usable_from and issues A’s 全部事項証明 after it', async () => {
    now = APPLIED;
    const honseki = '見本県見本市本町二丁目3番地';
    const kosekiId = await newRegister(ctx.database.db, honseki, '髙橋　一郎', [
      { familyName: '髙橋', givenName: '一郎', birthDate: '1978-01-02', sex: 'M', relationship: '夫' },
      { familyName: '髙橋', givenName: '花子', birthDate: '1980-04-01', sex: 'F', relationship: '妻' },
    ]);
    const holder = await newHolder({
      familyName: '髙橋',
      givenName: '花子',
      birthDate: '1980-04-01',
      sex: 'F',
    });
    const kiosk = await newKiosk(ctx.database.db);
    const sessionToken = await openSession(kiosk, holder);

    const towns = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations/municipalities', {
      sessionToken,
    });
    expect(towns.json().municipalities.map((m: { code: string }) => m.code)).toEqual([A]);

    // Typed with the common 高 and Arabic digits: folding finds the register all the same.
    const application = {
      sessionToken,
      municipalityCode: A,
      honseki: '見本県見本市本町2丁目3番地',
      hittosha: '高橋 一郎',
      idempotencyKey: key(),
    };
    const applied = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', application);
    expect(applied.statusCode).toBe(201);
    expect(applied.json()).toMatchObject({
      status: 'pending',
      municipality: { code: A },
      honseki: '見本県見本市本町2丁目3番地',
      expectedUsableOn: '2026-11-29',
      replayed: false,
    });
    const registrationId = applied.json().registrationId as string;

    // A double tap answers with the same application; the same key for other content is refused.
    const again = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', application);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ registrationId, replayed: true });
    const reused = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      ...application,
      hittosha: '高橋 二郎',
    });
    expect(reused.json().code).toBe('koseki_registration.idempotency_key_reused');
    // One open application per card and municipality.
    const second = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      ...application,
      idempotencyKey: key(),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('koseki_registration.already_pending');
    const ownTown = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      ...application,
      municipalityCode: B,
      idempotencyKey: key(),
    });
    expect(ownTown.json().code).toBe('koseki_registration.residence_municipality');
    // The kiosk cannot speak for the applicant: unknown fields are refused, typed text is checked.
    const forged = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      ...application,
      idempotencyKey: key(),
      birthDate: '1990-01-01',
    });
    expect(forged.statusCode).toBe(400);
    const badText = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      ...application,
      idempotencyKey: key(),
      honseki: 'Mihon <b>1</b>',
    });
    expect(badText.statusCode).toBe(400);
    expect(badText.json().errors[0].ja).toMatch(/本籍/);

    // The identity stored is the card's and B's record, exactly as registered there.
    const row = await ctx.database.db
      .selectFrom('koseki_user_registration')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      municipality_code: A,
      applicant_municipality_code: B,
      applicant_resident_id: holder.residentId,
      card_serial: holder.cardSerial,
      certificate_serial: holder.certificate.x509.serialNumber,
      family_name: '髙橋',
      given_name: '花子',
      birth_date: '1980-04-01',
      sex: 'F',
      address: '別見本県別見本市中町1番2号',
    });
    // Reading B's record is audited in B; the application in A.
    const readInB = await auditRows(B, 'resident.read');
    expect(readInB.some((r) => r.subject_id === String(holder.residentId))).toBe(true);
    const appliedInA = await auditRows(A, 'koseki_registration.applied');
    expect(appliedInA.map((r) => r.subject_id)).toContain(registrationId);

    // Pending: the kiosk says so, in both languages.
    const pendingMenu = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken, municipalityCode: A });
    expect(pendingMenu.statusCode).toBe(422);
    expect(pendingMenu.json()).toMatchObject({ code: 'koseki_user_registration_pending' });
    expect(pendingMenu.json().ja).toMatch(/審査中/);
    expect(pendingMenu.json().en).toMatch(/being reviewed/);
    const residenceMenu = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken });
    expect(residenceMenu.json().municipalities.map((m: { code: string }) => m.code)).toEqual([B]);

    // Only 審査 reviews: a 窓口 clerk gets 403, another town's reviewer does not even find it.
    const counter = await loginOf('counter');
    expect((await asStaff(counter, 'GET', '/api/v1/koseki-registrations')).statusCode).toBe(403);
    const counterApprove = await asStaff(
      counter,
      'POST',
      `/api/v1/koseki-registrations/${registrationId}/approve`,
      {
        kosekiId,
        memberNo: 2,
      },
    );
    expect(counterApprove.statusCode).toBe(403);
    expect(counterApprove.json().code).toBe('staff.permission_denied');
    const foreign = await loginOf('review', 'B');
    expect((await asStaff(foreign, 'GET', `/api/v1/koseki-registrations/${registrationId}`)).statusCode).toBe(
      404,
    );
    const foreignQueue = await asStaff(foreign, 'GET', '/api/v1/koseki-registrations');
    expect(foreignQueue.json().registrations).toEqual([]);

    const review = await loginOf('review');
    const queue = await asStaff(review, 'GET', '/api/v1/koseki-registrations?status=pending');
    expect(queue.statusCode).toBe(200);
    const listed = queue
      .json()
      .registrations.find((r: { registrationId: string }) => r.registrationId === registrationId);
    expect(listed.applicant).toMatchObject({
      familyName: '髙橋',
      givenName: '花子',
      birthDate: '1980-04-01',
    });
    const detail = await asStaff(review, 'GET', `/api/v1/koseki-registrations/${registrationId}`);
    expect(detail.json()).toMatchObject({
      canApprove: true,
      suggestedRejection: null,
      candidates: [{ kosekiId, memberNo: 2, familyName: '髙橋', givenName: '花子' }],
    });
    // The husband is in the register but is not the applicant.
    const wrongMember = await asStaff(
      review,
      'POST',
      `/api/v1/koseki-registrations/${registrationId}/approve`,
      {
        kosekiId,
        memberNo: 1,
      },
    );
    expect(wrongMember.json().code).toBe('koseki_registration.not_a_candidate');
    const approved = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${registrationId}/approve`, {
      kosekiId,
      memberNo: 2,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decision: { kosekiId, memberNo: 2, usableFrom: '2026-11-28T15:00:00.000Z' },
    });
    const twice = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${registrationId}/approve`, {
      kosekiId,
      memberNo: 2,
    });
    expect(twice.json().code).toBe('koseki_registration.already_decided');
    const decisions = await auditRows(A, 'koseki_registration.approved');
    expect(decisions.filter((r) => r.subject_id === registrationId)).toHaveLength(1);

    // Approved, but before usable_from: refused with the date, for the menu and for an order alike.
    const early = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken, municipalityCode: A });
    expect(early.json()).toMatchObject({
      code: 'koseki_user_registration_not_yet_usable',
      usableOn: '2026-11-29',
    });
    expect(early.json().ja).toContain('令和8年11月29日から');
    const zenbu = { certificate: 'koseki-zenbu' };
    const earlyOrder = await kioskCall(kiosk, '/api/v1/kiosk/issuances', {
      sessionToken,
      municipalityCode: A,
      options: zenbu,
      idempotencyKey: key(),
      paidAmount: 350,
    });
    expect(earlyOrder.json().code).toBe('koseki_user_registration_not_yet_usable');

    // Six days later, with a new card session.
    now = AFTER_WAIT;
    const later = await openSession(kiosk, holder);
    const menu = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken: later });
    expect(menu.json().municipalities).toEqual([
      expect.objectContaining({ code: B, residence: true }),
      expect.objectContaining({
        code: A,
        residence: false,
        certificates: ['koseki-zenbu', 'koseki-kojin', 'fuhyo'],
      }),
    ]);
    const honsekiMenu = await kioskCall(kiosk, '/api/v1/kiosk/menu', {
      sessionToken: later,
      municipalityCode: A,
    });
    expect(honsekiMenu.statusCode).toBe(200);
    expect(honsekiMenu.json().municipality.code).toBe(A);
    expect(
      honsekiMenu
        .json()
        .certificates.map((c: { type: string }) => c.type)
        .sort(),
    ).toEqual(['fuhyo', 'koseki-kojin', 'koseki-zenbu']);
    expect(
      honsekiMenu.json().certificates.find((c: { type: string }) => c.type === 'koseki-zenbu'),
    ).toMatchObject({
      unitFee: 350,
      open: true,
    });
    expect(honsekiMenu.json().register.members).toEqual([
      expect.objectContaining({ memberNo: 1, self: false }),
      expect.objectContaining({ memberNo: 2, givenName: '花子', self: true }),
    ]);
    // A's 住民票 is not theirs to ask for.
    const juminhyo = await kioskCall(kiosk, '/api/v1/kiosk/quote', {
      sessionToken: later,
      municipalityCode: A,
      options: { certificate: 'juminhyo', scope: 'household' },
    });
    expect(juminhyo.json().code).toBe('honseki_certificate_not_offered');

    const quote = await kioskCall(kiosk, '/api/v1/kiosk/quote', {
      sessionToken: later,
      municipalityCode: A,
      options: zenbu,
    });
    expect(quote.json().total).toBe(350);
    const issued = await kioskCall(kiosk, '/api/v1/kiosk/issuances', {
      sessionToken: later,
      municipalityCode: A,
      options: zenbu,
      idempotencyKey: key(),
      paidAmount: 350,
    });
    expect(issued.statusCode).toBe(201);
    const pdf = Buffer.from(issued.json().pdfBase64, 'base64');
    const file = pdfFile(pdf);
    expect(pdfsig(file)).toMatch(/Signature is Valid/);
    expect((await verifyCertificateFile(ctx.database.db, pdf)).verdict).toBe('genuine');
    expect(pdftotext(file)).toContain('髙橋');
    const record = await ctx.database.db
      .selectFrom('issuance')
      .select(['municipality_code', 'subject_koseki_id', 'channel', 'certificate'])
      .where('issuance_id', '=', issued.json().issuanceId)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      municipality_code: A,
      subject_koseki_id: kosekiId,
      channel: 'kiosk',
      certificate: 'koseki-zenbu',
    });
    const checks = await auditRows(A, 'koseki_registration.checked');
    expect(checks.map((r) => (r.details as { outcome: string }).outcome)).toEqual(
      expect.arrayContaining(['pending', 'not_yet_usable', 'usable']),
    );
    for (const code of [A, B]) expect((await verifyAuditChain(ctx.database.db, code)).valid).toBe(true);
  }, 60_000);

  it('rejects with a reason: the kiosk refuses with that reason, and the applicant may apply again', async () => {
    now = APPLIED;
    const honseki = '見本県見本市東町5番地';
    const kosekiId = await newRegister(ctx.database.db, honseki, '見本　次郎', [
      { familyName: '見本', givenName: '次郎', birthDate: '1970-02-03', sex: 'M', relationship: '夫' },
      { familyName: '見本', givenName: '春子', birthDate: '1972-05-06', sex: 'F', relationship: '妻' },
    ]);
    const holder = await newHolder({
      familyName: '見本',
      givenName: '春子',
      birthDate: '1972-05-06',
      sex: 'F',
    });
    const kiosk = await newKiosk(ctx.database.db);
    const sessionToken = await openSession(kiosk, holder);
    const first = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      sessionToken,
      municipalityCode: A,
      honseki,
      hittosha: '見本　三郎',
      idempotencyKey: key(),
    });
    expect(first.statusCode).toBe(201);
    const firstId = first.json().registrationId as string;

    const review = await loginOf('review');
    const detail = await asStaff(review, 'GET', `/api/v1/koseki-registrations/${firstId}`);
    expect(detail.json()).toMatchObject({
      canApprove: false,
      candidates: [],
      findings: { honsekiFound: true, registerFound: false },
      suggestedRejection: 'hittosha_mismatch',
    });
    const noNote = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${firstId}/reject`, {
      reason: 'other',
    });
    expect(noNote.statusCode).toBe(400);
    const unknownReason = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${firstId}/reject`, {
      reason: 'looks_wrong',
    });
    expect(unknownReason.statusCode).toBe(400);
    const rejected = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${firstId}/reject`, {
      reason: 'hittosha_mismatch',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decision: { reason: 'hittosha_mismatch' } });
    const audit = await auditRows(A, 'koseki_registration.rejected');
    expect(audit.find((r) => r.subject_id === firstId)?.reason).toBe('hittosha_mismatch');

    const refused = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken, municipalityCode: A });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'koseki_user_registration_rejected',
      reason: 'hittosha_mismatch',
    });
    expect(refused.json().ja).toContain('筆頭者の誤り');
    expect(refused.json().en).toMatch(/head of the family register/);
    const order = await kioskCall(kiosk, '/api/v1/kiosk/issuances', {
      sessionToken,
      municipalityCode: A,
      options: { certificate: 'koseki-zenbu' },
      idempotencyKey: key(),
      paidAmount: 350,
    });
    expect(order.json().code).toBe('koseki_user_registration_rejected');
    const status = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations/status', { sessionToken });
    expect(status.json().registrations).toEqual([
      expect.objectContaining({
        registrationId: firstId,
        status: 'rejected',
        rejection: expect.objectContaining({ reason: 'hittosha_mismatch', ja: '筆頭者の誤り' }),
      }),
    ]);

    // Re-applying after a rejection is allowed; this time the reviewer opens it at once.
    const second = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      sessionToken,
      municipalityCode: A,
      honseki,
      hittosha: '見本　次郎',
      idempotencyKey: key(),
    });
    expect(second.statusCode).toBe(201);
    const secondId = second.json().registrationId as string;
    const approved = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${secondId}/approve`, {
      kosekiId,
      memberNo: 2,
      immediately: true,
    });
    expect(approved.json().decision.usableFrom).toBe(APPLIED.toISOString());
    const menu = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken, municipalityCode: A });
    expect(menu.statusCode).toBe(200);
    expect(menu.json().register.members.find((m: { self: boolean }) => m.self).memberNo).toBe(2);
    // A second application while one is approved is refused.
    const third = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      sessionToken,
      municipalityCode: A,
      honseki,
      hittosha: '見本　次郎',
      idempotencyKey: key(),
    });
    expect(third.json().code).toBe('koseki_registration.already_approved');
  }, 60_000);

  it('an application for a register that does not exist can only be rejected', async () => {
    now = APPLIED;
    const existing = await newRegister(ctx.database.db, '見本県見本市西町9番地', '見本　五郎', [
      { familyName: '見本', givenName: '五郎', birthDate: '1960-07-08', sex: 'M', relationship: '夫' },
      { familyName: '見本', givenName: '秋子', birthDate: '1962-09-10', sex: 'F', relationship: '妻' },
    ]);
    const holder = await newHolder({
      familyName: '見本',
      givenName: '秋子',
      birthDate: '1962-09-10',
      sex: 'F',
    });
    const kiosk = await newKiosk(ctx.database.db);
    const sessionToken = await openSession(kiosk, holder);
    // Never asked for: a kiosk cannot skip the registration by naming the 本籍地.
    const unregistered = await kioskCall(kiosk, '/api/v1/kiosk/quote', {
      sessionToken,
      municipalityCode: A,
      options: { certificate: 'koseki-zenbu' },
    });
    expect(unregistered.json()).toMatchObject({ code: 'koseki_user_registration_required' });
    const applied = await kioskCall(kiosk, '/api/v1/kiosk/koseki-registrations', {
      sessionToken,
      municipalityCode: A,
      honseki: '見本県見本市北町99番地',
      hittosha: '見本　五郎',
      idempotencyKey: key(),
    });
    const registrationId = applied.json().registrationId as string;
    const review = await loginOf('review');
    const detail = await asStaff(review, 'GET', `/api/v1/koseki-registrations/${registrationId}`);
    expect(detail.json()).toMatchObject({
      canApprove: false,
      candidates: [],
      findings: { honsekiFound: false, registerFound: false, personFound: false },
      suggestedRejection: 'honseki_mismatch',
    });
    // Even a real register member (the same person, as it happens) cannot be linked to it.
    const approve = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${registrationId}/approve`, {
      kosekiId: existing,
      memberNo: 2,
      immediately: true,
    });
    expect(approve.statusCode).toBe(422);
    expect(approve.json().code).toBe('koseki_registration.no_candidate');
    const unchanged = await ctx.database.db
      .selectFrom('koseki_user_registration')
      .select(['status', 'koseki_id'])
      .where('registration_id', '=', registrationId)
      .executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ status: 'pending', koseki_id: null });
    const rejected = await asStaff(review, 'POST', `/api/v1/koseki-registrations/${registrationId}/reject`, {
      reason: 'other',
      note: '本籍地の番地をご確認ください',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decision: { reason: 'other', note: '本籍地の番地をご確認ください' },
    });
    const refused = await kioskCall(kiosk, '/api/v1/kiosk/menu', { sessionToken, municipalityCode: A });
    expect(refused.json().ja).toContain('その他（本籍地の番地をご確認ください）');
  }, 60_000);
});
