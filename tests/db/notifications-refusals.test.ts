import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { withJuminhyoCheck } from '../../src/domain/check-digits.js';
import { EDIT_SECRET_HEADER, expireDrafts } from '../../src/notifications/index.js';
import {
  buildNotificationTestApp,
  type NotificationTestApp,
  TEST_NOW,
} from '../../src/notifications/testing/notification-test-app.js';
import type { StaffLogin } from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';
import { newFamily } from '../support/factories.js';

const TOWN = '999997';
const DRAFTS = `/api/v1/municipalities/${TOWN}/notification-drafts`;
const FROM = {
  postalCode: '9999999',
  address: '見本県見本市本町二丁目3番4号',
  katagaki: 'みほんハイツ101号室',
};
const TO = { postalCode: '9999999', address: '見本県見本市桜町三丁目7番8号' };
const SIGNATURE = {
  width: 400,
  height: 150,
  strokes: [
    {
      points: [
        { x: 5, y: 5, t: 0 },
        { x: 50, y: 60, t: 90 },
        { x: 90, y: 20, t: 200 },
      ],
    },
  ],
};

type Member = Awaited<ReturnType<typeof newFamily>>['members'][number];

// Every family its own name: the factory's families are otherwise namesakes born on the same days.
const SURNAMES = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['田中', 'タナカ'],
  ['渡邉', 'ワタナベ'],
  ['伊藤', 'イトウ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉川', 'ヨシカワ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
] as const;
let surnames = 0;

interface Problem {
  code: string;
  ja: string;
  en: string;
  errors: { at: string; ja: string; en: string }[];
}
const moverOf = (m: Member) => ({
  familyName: m.family_name,
  givenName: m.given_name,
  familyNameKana: m.family_name_kana,
  givenNameKana: m.given_name_kana,
  birthDate: m.birth_date,
  sex: m.sex,
  relationship: m.relationship,
});

describeOnDrivers('notifications: refusals change nothing', (ctx) => {
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
  beforeEach(() => app.clock.set(TEST_NOW));

  function family(size: number) {
    const [familyName, familyKana] = SURNAMES[surnames++ % SURNAMES.length]!;
    return newFamily(ctx.database.db, { size, familyName, familyKana });
  }

  /** Everything an acceptance could touch, to compare before and after a refusal. */
  async function registerState() {
    const db = app.deps.db;
    const count = async (table: 'resident' | 'household' | 'resident_event' | 'seal_registration') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const residents = await db
      .selectFrom('resident')
      .select(['resident_id', 'version', 'status', 'address', 'household_id', 'relationship'])
      .orderBy('resident_id')
      .execute();
    const seals = await db
      .selectFrom('seal_registration')
      .select(['registration_no', 'status'])
      .orderBy('registration_no')
      .execute();
    const heads = await db
      .selectFrom('household')
      .select(['household_id', 'head_resident_id'])
      .orderBy('household_id')
      .execute();
    return {
      residents: await count('resident'),
      households: await count('household'),
      events: await count('resident_event'),
      seals: await count('seal_registration'),
      rows: residents,
      sealRows: seals,
      heads,
    };
  }

  async function phoneDraft(kind: string, content: unknown, submit = true) {
    const created = await app.t.app.inject({ method: 'POST', url: DRAFTS, payload: { kind, content } });
    expect(created.statusCode, created.body).toBe(201);
    const { reference, editSecret } = created.json();
    if (submit) {
      const res = await app.t.app.inject({
        method: 'POST',
        url: `${DRAFTS}/${reference}/submit`,
        headers: { [EDIT_SECRET_HEADER]: editSecret },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return { reference: reference as string, editSecret: editSecret as string };
  }

  const tenkyo = (members: Member[], extra: Record<string, unknown> = {}) => ({
    moveDate: '2026-11-22',
    wholeHousehold: true,
    from: FROM,
    to: TO,
    household: { arrangement: 'same' },
    movers: members.map(moverOf),
    ...extra,
  });

  const counterCall = (method: 'GET' | 'POST' | 'PUT', reference: string, step: string, payload?: unknown) =>
    app.staff(counter, method, `/api/v1/counter/notifications/${reference}${step}`, payload);

  function expectProblem(
    res: { statusCode: number; headers: Record<string, unknown>; json(): Problem },
    status: number,
    code: string,
  ) {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe(code);
    expect(problem.ja).toMatch(/[ぁ-ん]/);
    expect(problem.en).toMatch(/[a-z]/);
    return problem;
  }

  it('an unknown or malformed reference is a clear 404, from the phone and at the counter', async () => {
    const before = await registerState();
    const unknown = '0'.repeat(26);
    expectProblem(await counterCall('POST', unknown, '/open', {}), 404, 'notification_not_found');
    expectProblem(await counterCall('POST', 'not-a-reference', '/open', {}), 404, 'notification_not_found');
    expectProblem(
      await counterCall('POST', encodeURIComponent(`MDGN1:${TOWN}:${'1'.repeat(26)}`), '/open', {}),
      404,
      'notification_not_found',
    );
    expectProblem(
      await app.t.app.inject({
        method: 'GET',
        url: `${DRAFTS}/${unknown}`,
        headers: { [EDIT_SECRET_HEADER]: 's' },
      }),
      404,
      'notification_not_found',
    );
    expect(await registerState()).toEqual(before);
  });

  it('an expired draft is a clear 410, before and after its content is purged', async () => {
    const household = await family(1);
    const { reference, editSecret } = await phoneDraft('tenkyo', tenkyo(household.members));
    const before = await registerState();
    app.clock.set(new Date(TEST_NOW.getTime() + 8 * 86_400_000));
    const phone = await app.t.app.inject({
      method: 'GET',
      url: `${DRAFTS}/${reference}`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    const problem = expectProblem(phone, 410, 'notification_expired');
    expect(problem.ja).toContain('有効期限');
    expectProblem(await counterCall('POST', reference, '/open', {}), 410, 'notification_expired');
    expect(await expireDrafts(app.deps)).toBeGreaterThanOrEqual(1);
    const row = await app.deps.db
      .selectFrom('notification')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'expired', content: {}, edit_secret_sha256: null });
    expectProblem(await counterCall('POST', reference, '/open', {}), 410, 'notification_expired');
    expect(await registerState()).toEqual(before);
  });

  it('a tampered draft is refused before it reaches the register, and the finding is audited', async () => {
    const household = await family(2);
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    const before = await registerState();
    // Someone with database access changes the destination without the server's key.
    await sql`update notification set content = jsonb_set(content, '{to,address}', '"見本県見本市港町9番9号"') where reference = ${reference}`.execute(
      app.deps.db,
    );
    const problem = expectProblem(
      await counterCall('POST', reference, '/open', {}),
      422,
      'notification_tampered',
    );
    expect(problem.ja).toContain('書き換えられた');
    expect(await registerState()).toEqual(before);
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', reference)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['notification.tamper_detected']);
  });

  it('a signed notification whose status or snapshot is forged cannot be accepted', async () => {
    const household = await family(1);
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    expect((await counterCall('POST', reference, '/open', {})).statusCode).toBe(200);
    const rejected = await counterCall('POST', reference, '/reject', {
      reason: '本人確認ができなかったため',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const before = await registerState();
    await sql`update notification set status = 'confirmed', finished_at = null where reference = ${reference}`.execute(
      app.deps.db,
    );
    expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'passport' },
      }),
      422,
      'notification_tampered',
    );
    expect(await registerState()).toEqual(before);
  });

  it('a draft that no longer matches the household is shown with the reason, cannot be signed or accepted', async () => {
    const household = await family(3);
    const before = await registerState();
    // "Whole household", but the register has a third member the draft does not name.
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members.slice(0, 2)));
    const opened = await counterCall('POST', reference, '/open', {});
    expect(opened.statusCode).toBe(200);
    const view = opened.json();
    expect(view.acceptable).toBe(false);
    expect(view.problems).toEqual([
      expect.objectContaining({ at: 'wholeHousehold', ja: expect.stringContaining('届出にない方が1人') }),
    ]);
    expectProblem(
      await counterCall('POST', reference, '/confirm', { contentVersion: 1, signature: SIGNATURE }),
      409,
      'household_mismatch',
    );
    expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'passport' },
      }),
      409,
      'notification_wrong_status',
    );
    expect(await registerState()).toEqual(before);
  });

  it('someone of the household moved between signing and acceptance: refused, nothing changed', async () => {
    const household = await family(3);
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    expect((await counterCall('POST', reference, '/open', {})).json().acceptable).toBe(true);
    expect(
      (await counterCall('POST', reference, '/confirm', { contentVersion: 1, signature: SIGNATURE }))
        .statusCode,
    ).toBe(200);

    // Meanwhile, at the next counter, the third member's 転出 (paper) is accepted.
    const child = household.members[2]!;
    const paper = await app.staff(counter, 'POST', '/api/v1/counter/notifications', {
      kind: 'tenshutsu',
      content: {
        moveDate: '2026-11-24',
        wholeHousehold: false,
        from: FROM,
        to: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
        movers: [moverOf(child)],
      },
    });
    const other = paper.json().reference;
    expect((await counterCall('POST', other, '/open', {})).json().acceptable).toBe(true);
    expect(
      (await counterCall('POST', other, '/confirm', { contentVersion: 1, onPaper: true })).statusCode,
    ).toBe(200);
    expect(
      (
        await counterCall('POST', other, '/accept', {
          contentVersion: 1,
          identityDocument: { kind: 'drivers_license' },
        })
      ).statusCode,
    ).toBe(200);

    const before = await registerState();
    const problem = expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'mynumber_card' },
      }),
      409,
      'household_mismatch',
    );
    expect(problem.ja).toContain('住民記録は変更していません');
    expect(problem.errors[0]).toMatchObject({
      at: 'movers.2',
      ja: expect.stringContaining('現在この市区町村の住民ではありません'),
    });
    expect(await registerState()).toEqual(before);
    const row = await app.deps.db
      .selectFrom('notification')
      .select(['status', 'finished_at'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'confirmed', finished_at: null });
    // Opened again, the counter sees why, and the signature is withdrawn.
    const again = await counterCall('POST', reference, '/open', {});
    expect(again.json()).toMatchObject({ acceptable: false, status: 'opened', signature: null });
  });

  it('a member’s record changed (version) between signing and acceptance: refused, nothing changed', async () => {
    const household = await family(2);
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    expect((await counterCall('POST', reference, '/open', {})).json().acceptable).toBe(true);
    expect(
      (await counterCall('POST', reference, '/confirm', { contentVersion: 1, signature: SIGNATURE }))
        .statusCode,
    ).toBe(200);
    // Another writer (a 職権修正 at the back office) corrects the spouse's 方書.
    await app.deps.db
      .updateTable('resident')
      .set((eb) => ({ katagaki: 'みほんハイツ102号室', version: eb('version', '+', 1) }))
      .where('resident_id', '=', household.members[1]!.resident_id)
      .execute();
    const before = await registerState();
    const problem = expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'mynumber_card' },
      }),
      409,
      'register_changed',
    );
    expect(problem.ja).toContain('開き直して');
    expect(await registerState()).toEqual(before);
  });

  it('a rejected or withdrawn notification changes nothing', async () => {
    const household = await family(2);
    const before = await registerState();
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    expect((await counterCall('POST', reference, '/open', {})).statusCode).toBe(200);
    expect(
      (await counterCall('POST', reference, '/confirm', { contentVersion: 1, signature: SIGNATURE }))
        .statusCode,
    ).toBe(200);
    const rejected = await counterCall('POST', reference, '/reject', {
      reason: '転居先の住所が確認できないため',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: '転居先の住所が確認できないため',
    });
    expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'passport' },
      }),
      409,
      'notification_finished',
    );

    const withdrawn = await phoneDraft('tenkyo', tenkyo(household.members));
    const headers = { [EDIT_SECRET_HEADER]: withdrawn.editSecret };
    expect(
      (await app.t.app.inject({ method: 'DELETE', url: `${DRAFTS}/${withdrawn.reference}`, headers }))
        .statusCode,
    ).toBe(204);
    expectProblem(await counterCall('POST', withdrawn.reference, '/open', {}), 404, 'notification_not_found');

    // Once the counter has it, the phone can no longer withdraw or change it.
    const held = await phoneDraft('tenkyo', tenkyo(household.members));
    expect((await counterCall('POST', held.reference, '/open', {})).statusCode).toBe(200);
    const heldHeaders = { [EDIT_SECRET_HEADER]: held.editSecret };
    expectProblem(
      await app.t.app.inject({ method: 'DELETE', url: `${DRAFTS}/${held.reference}`, headers: heldHeaders }),
      409,
      'notification_not_editable',
    );
    expectProblem(
      await app.t.app.inject({
        method: 'PUT',
        url: `${DRAFTS}/${held.reference}`,
        headers: heldHeaders,
        payload: { content: tenkyo(household.members) },
      }),
      409,
      'notification_not_editable',
    );
    expect(await registerState()).toEqual(before);
  });

  it('the edit secret guards the draft', async () => {
    const household = await family(1);
    const { reference, editSecret } = await phoneDraft('tenkyo', tenkyo(household.members), false);
    expectProblem(
      await app.t.app.inject({ method: 'GET', url: `${DRAFTS}/${reference}` }),
      403,
      'notification_secret_mismatch',
    );
    expectProblem(
      await app.t.app.inject({
        method: 'GET',
        url: `${DRAFTS}/${reference}`,
        headers: { [EDIT_SECRET_HEADER]: `${editSecret}x` },
      }),
      403,
      'notification_secret_mismatch',
    );
    const own = await app.t.app.inject({
      method: 'GET',
      url: `${DRAFTS}/${reference}`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.json()).not.toHaveProperty('editSecret');
    // The QR code shown at the counter carries the reference only.
    const qr = await app.t.app.inject({ method: 'GET', url: `${DRAFTS}/${reference}/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
  });

  it('answers malformed answers field by field in Japanese and English, storing nothing', async () => {
    const count = async () =>
      Number(
        (
          await app.deps.db
            .selectFrom('notification')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const code = withJuminhyoCheck('1234567890');
    const wrong = code.slice(0, 10) + String((Number(code[10]) + 1) % 10);
    const res = await app.t.app.inject({
      method: 'POST',
      url: DRAFTS,
      payload: {
        kind: 'tennyu',
        content: {
          moveDate: '2026-02-30',
          to: { postalCode: '12-345', address: '見本県見本市本町1番' },
          movers: [
            {
              familyName: '見本',
              givenName: '太郎',
              familyNameKana: 'Mihon',
              givenNameKana: 'タロウ',
              birthDate: '1990-01-01',
              sex: 'M',
              relationship: '世帯主',
              juminhyoCode: wrong,
            },
          ],
          surprise: true,
        },
      },
    });
    const problem = expectProblem(res, 400, 'invalid_input');
    const at = Object.fromEntries(problem.errors.map((e: { at: string; ja: string }) => [e.at, e.ja]));
    // Paths are relative to the questionnaire's content, as the phone's form names its fields.
    expect(at.moveDate).toContain('日付');
    expect(at['to.postalCode']).toContain('郵便番号');
    expect(at['movers.0.familyNameKana']).toContain('ひらがな又はカタカナ');
    expect(at['movers.0.juminhyoCode']).toContain('検査数字');
    expect(at.content).toContain('surprise');
    expect(await count()).toBe(before);
  });

  it('refuses to submit an incomplete draft or one outside the law’s period, saying what is wrong', async () => {
    const { reference, editSecret } = await phoneDraft(
      'tennyu',
      {
        moveDate: '2026-11-01',
        from: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
        to: { postalCode: '9999999', address: '東京都港区芝公園4丁目2番8号' },
        movers: [],
      },
      false,
    );
    const res = await app.t.app.inject({
      method: 'POST',
      url: `${DRAFTS}/${reference}/submit`,
      headers: { [EDIT_SECRET_HEADER]: editSecret },
    });
    const problem = expectProblem(res, 422, 'notification_incomplete');
    const at = Object.fromEntries(problem.errors.map((e: { at: string; ja: string }) => [e.at, e.ja]));
    expect(at.moveDate).toContain('14日を過ぎています');
    expect(at['to.address']).toContain('見本市の住所ではありません');
    expect(at.movers).toContain('異動する方を入力してください');
    expect(at['household.arrangement']).toBeDefined();
  });

  it('the counter cannot sign an outdated version or accept before the resident signed', async () => {
    const household = await family(1);
    const { reference } = await phoneDraft('tenkyo', tenkyo(household.members));
    const before = await registerState();
    expect((await counterCall('POST', reference, '/open', {})).statusCode).toBe(200);
    expectProblem(
      await counterCall('POST', reference, '/accept', {
        contentVersion: 1,
        identityDocument: { kind: 'passport' },
      }),
      409,
      'notification_wrong_status',
    );
    // The clerk corrects the address: the resident must see and sign the new version.
    const corrected = await counterCall('PUT', reference, '/content', {
      contentVersion: 1,
      content: tenkyo(household.members, { to: { ...TO, katagaki: '桜ハイツ1号室' } }),
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ contentVersion: 2, clerkEdits: 1 });
    expectProblem(
      await counterCall('POST', reference, '/confirm', { contentVersion: 1, signature: SIGNATURE }),
      409,
      'notification_content_changed',
    );
    expectProblem(
      await counterCall('POST', reference, '/confirm', {
        contentVersion: 2,
        signature: { width: 400, height: 150, strokes: [] },
      }),
      400,
      'invalid_input',
    );
    expect(await registerState()).toEqual(before);
  });
});
