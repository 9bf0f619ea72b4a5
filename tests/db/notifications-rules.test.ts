import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_RULES, EDIT_SECRET_HEADER } from '../../src/notifications/index.js';
import {
  buildNotificationTestApp,
  type NotificationTestApp,
} from '../../src/notifications/testing/notification-test-app.js';
import type { StaffLogin } from '../../src/staff/testing/staff-test-app.js';
import { describeOnDrivers } from '../support/databases.js';
import { createTestEngine } from '../support/engine.js';

const TOWN = '999997';
const DRAFTS = `/api/v1/municipalities/${TOWN}/notification-drafts`;

const person = (
  givenName: string,
  givenNameKana: string,
  birthDate: string,
  extra: Record<string, unknown> = {},
) => ({
  familyName: '森',
  givenName,
  familyNameKana: 'モリ',
  givenNameKana,
  birthDate,
  sex: 'F',
  relationship: '子',
  ...extra,
});

const tennyu = (movers: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: 'tennyu',
  content: {
    moveDate: '2026-11-21',
    from: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
    to: { postalCode: '9999999', address: '見本県見本市本町三丁目4番5号' },
    household: { arrangement: 'new' },
    movers,
    ...extra,
  },
});

const FAMILY = [
  person('大輔', 'ダイスケ', '1990-04-10', {
    sex: 'M',
    relationship: '世帯主',
    insurance: 'shaho',
    pension: 'dai2',
  }),
  person('結衣', 'ユイ', '2019-09-01', { insurance: 'shaho_dependent' }),
  person('和子', 'カズコ', '1958-05-20', {
    relationship: '母',
    insurance: 'shaho_dependent',
    pension: 'receiving',
  }),
];
const SINGLE = [
  person('翔', 'ショウ', '1994-12-12', {
    sex: 'M',
    relationship: '世帯主',
    insurance: 'shaho',
    pension: 'dai2',
  }),
];

describeOnDrivers('notifications: related-procedure rules as data', (ctx) => {
  let app: NotificationTestApp;
  let counter: StaffLogin;
  let admin: StaffLogin;

  beforeAll(async () => {
    const engine = await createTestEngine(ctx.database);
    app = await buildNotificationTestApp(ctx.database, engine.identities);
    counter = await app.login('counter');
    admin = await app.login('admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  async function draft(body: Record<string, unknown>) {
    const res = await app.t.app.inject({ method: 'POST', url: DRAFTS, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { reference: string; editSecret: string };
  }

  async function procedureIds(reference: string) {
    const res = await app.staff(counter, 'GET', `/api/v1/counter/notifications/${reference}/guidance`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().procedures.map((p: { id: string }) => p.id) as string[];
  }

  it('selects exactly the procedures of the household: 7-year-old and 68-year-old vs a single adult', async () => {
    const family = await draft(tennyu(FAMILY));
    const single = await draft(tennyu(SINGLE));
    expect(await procedureIds(family.reference)).toEqual(['jido-teate', 'kodomo-iryo', 'shugaku', 'kaigo']);
    expect(await procedureIds(single.reference)).toEqual([]);
    // The phone sees the same before the visit, with the people each item concerns.
    const phone = await app.t.app.inject({
      method: 'GET',
      url: `${DRAFTS}/${family.reference}/guidance`,
      headers: { [EDIT_SECRET_HEADER]: family.editSecret },
    });
    const items = phone.json().procedures;
    expect(items.find((p: { id: string }) => p.id === 'shugaku')).toMatchObject({
      personNames: ['森　結衣'],
      title: { ja: '転入学の手続き（転入学通知書）' },
      place: { ja: '第2庁舎3階 学務課' },
    });
    expect(items.find((p: { id: string }) => p.id === 'kaigo').personNames).toEqual(['森　和子']);
    // Facts beyond age: a dog, a disability, 国保, a My Number card.
    const more = await draft(
      tennyu(
        [
          {
            ...SINGLE[0],
            insurance: 'kokuho',
            pension: 'dai1',
            disabilities: ['mental'],
            myNumberCard: true,
          },
        ],
        { dogs: 1 },
      ),
    );
    expect(await procedureIds(more.reference)).toEqual([
      'kokuho',
      'kokumin-nenkin',
      'shogai-fukushi',
      'inu-toroku',
      'mynumber-card',
    ]);
  });

  it('an administrator edits the rules (as JSON validated by the published schema) and the guidance follows', async () => {
    const listed = await app.staff(admin, 'GET', '/api/v1/admin/procedure-rules');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().rules.map((r: { rule: { id: string } }) => r.rule.id)).toEqual(
      DEFAULT_PROCEDURE_RULES.map((r) => r.id),
    );
    expect(listed.json().schema.type).toBe('object');
    // Least privilege: the counter does not edit rules, the administrator does not open notifications.
    expect((await app.staff(counter, 'GET', '/api/v1/admin/procedure-rules')).statusCode).toBe(403);
    const family = await draft(tennyu(FAMILY));
    expect(
      (await app.staff(admin, 'GET', `/api/v1/counter/notifications/${family.reference}/guidance`))
        .statusCode,
    ).toBe(403);

    const kaigo = listed.json().rules.find((r: { rule: { id: string } }) => r.rule.id === 'kaigo');
    const disabled = await app.staff(admin, 'PUT', '/api/v1/admin/procedure-rules/kaigo', {
      definition: kaigo.rule,
      enabled: false,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const gomi = {
      id: 'gomi',
      title: { ja: 'ごみの出し方・収集カレンダー', en: 'Waste sorting and collection calendar' },
      department: { ja: '清掃課', en: 'Sanitation Division' },
      place: { ja: '本庁舎1階 総合案内', en: 'Main building 1F, information desk' },
      kinds: ['tennyu'],
      scope: 'household',
      when: { anyPerson: { fact: 'age', min: 18 } },
      prefill: ['address'],
    };
    const added = await app.staff(admin, 'PUT', '/api/v1/admin/procedure-rules/gomi', {
      definition: gomi,
      position: 1,
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(await procedureIds(family.reference)).toEqual(['gomi', 'jido-teate', 'kodomo-iryo', 'shugaku']);

    const bad = await app.staff(admin, 'PUT', '/api/v1/admin/procedure-rules/gomi', {
      definition: { ...gomi, kinds: ['tennyu', 'kekkon'], when: { fact: 'shoeSize', min: 20 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { at: string }) => e.at)).toEqual(
      expect.arrayContaining(['definition.kinds.1']),
    );
    expect(
      (await app.staff(admin, 'PUT', '/api/v1/admin/procedure-rules/other', { definition: gomi })).json()
        .code,
    ).toBe('procedure_rule_id_mismatch');
    expect((await app.staff(admin, 'DELETE', '/api/v1/admin/procedure-rules/gomi')).statusCode).toBe(204);
    expect((await app.staff(admin, 'DELETE', '/api/v1/admin/procedure-rules/gomi')).statusCode).toBe(404);
    expect(await procedureIds(family.reference)).toEqual(['jido-teate', 'kodomo-iryo', 'shugaku']);

    const reset = await app.staff(admin, 'POST', '/api/v1/admin/procedure-rules/reset');
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await procedureIds(family.reference)).toEqual(['jido-teate', 'kodomo-iryo', 'shugaku', 'kaigo']);
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'procedure_rule')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'procedure_rule.update',
      'procedure_rule.create',
      'procedure_rule.delete',
      'procedure_rule.reset',
    ]);
  });
});
