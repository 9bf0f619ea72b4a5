import { describe, expect, it } from 'vitest';
import { DEFAULT_PROCEDURE_RULES } from './default-procedure-rules.js';
import { type DraftContent, draftContentSchema, type Mover, type NotificationKind } from './draft-content.js';
import { householdFacts, personFacts, schoolGradeOn } from './household-facts.js';
import { prefillForm } from './prefill.js';
import { holds, procedureRuleJsonSchema, procedureRuleSchema, selectProcedures } from './procedure-rules.js';

const rules = DEFAULT_PROCEDURE_RULES.map((r) => procedureRuleSchema.parse(r));
const MOVE = '2026-11-20';

function person(birthDate: string, extra: Partial<Mover> = {}): Mover {
  return {
    familyName: '見本',
    givenName: '太郎',
    familyNameKana: 'ミホン',
    givenNameKana: 'タロウ',
    birthDate,
    sex: 'M',
    relationship: '子',
    ...extra,
  } as Mover;
}

function select(kind: NotificationKind, movers: Mover[], extra: Partial<DraftContent> = {}) {
  const content = draftContentSchema.parse({ moveDate: MOVE, movers, ...extra });
  const facts = content.movers.map((m, i) => personFacts(m, i, MOVE));
  return selectProcedures(rules, householdFacts(kind, content), facts);
}

describe('school grade', () => {
  it('follows the April 2 – April 1 cohorts', () => {
    expect(schoolGradeOn('2019-05-10', MOVE)).toBe(1);
    expect(schoolGradeOn('2019-04-02', MOVE)).toBe(1);
    expect(schoolGradeOn('2019-04-01', MOVE)).toBe(2);
    expect(schoolGradeOn('2020-04-01', MOVE)).toBe(1);
    expect(schoolGradeOn('2011-06-01', MOVE)).toBe(9);
    expect(schoolGradeOn('2011-03-01', MOVE)).toBe(10);
    expect(schoolGradeOn('2024-01-01', MOVE)).toBeLessThanOrEqual(0);
  });
});

describe('related procedures', () => {
  it('every default rule is valid and ids are unique', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('a family with a 7-year-old and a 68-year-old gets 就学 and 介護保険 — a single adult does not', () => {
    const family = select('tennyu', [
      person('1988-06-01', { relationship: '世帯主', insurance: 'shaho' }),
      person('2019-06-15', { relationship: '子', insurance: 'shaho_dependent' }),
      person('1958-08-08', { relationship: '母', insurance: 'kokuho' }),
    ]);
    const ids = family.map((p) => p.id);
    expect(ids).toEqual(['kokuho', 'jido-teate', 'kodomo-iryo', 'shugaku', 'kaigo']);
    expect(family.find((p) => p.id === 'shugaku')!.persons).toEqual([1]);
    expect(family.find((p) => p.id === 'kaigo')!.persons).toEqual([2]);
    expect(family.find((p) => p.id === 'kokuho')!.persons).toEqual([2]);
    expect(family.find((p) => p.id === 'jido-teate')!.persons).toEqual([0, 1, 2]);

    const single = select('tennyu', [
      person('1996-02-02', { relationship: '世帯主', insurance: 'shaho', pension: 'dai2' }),
    ]);
    expect(single.map((p) => p.id)).toEqual([]);
  });

  it('uses the text of the kind of move, and kinds limit rules', () => {
    const old = [person('1948-01-01', { relationship: '世帯主', insurance: 'koki' })];
    const tennyu = select('tennyu', old);
    expect(tennyu.map((p) => p.id)).toEqual(['kaigo', 'koki-korei']);
    expect(tennyu[0]!.title.ja).toBe('介護保険の資格取得');
    expect(select('tenshutsu', old)[0]!.title.ja).toMatch(/資格喪失/);
    const withDog = select('tenshutsu', [person('1990-01-01', { relationship: '世帯主' })], { dogs: 1 });
    expect(withDog.map((p) => p.id)).not.toContain('inu-toroku');
    expect(
      select('tenkyo', [person('1990-01-01', { relationship: '世帯主' })], { dogs: 1 }).map((p) => p.id),
    ).toEqual(['inu-toroku']);
  });

  it('disabilities, care certification below 65, pension at 20–59, My Number card', () => {
    const ids = select('tennyu', [
      person('1980-01-01', {
        relationship: '世帯主',
        disabilities: ['physical'],
        careCertified: true,
        pension: 'dai1',
        myNumberCard: true,
      }),
    ]).map((p) => p.id);
    expect(ids).toEqual(['kokumin-nenkin', 'kaigo', 'shogai-fukushi', 'mynumber-card']);
  });

  it('evaluates conditions: unknown facts are false, lists match any value, not/any/all', () => {
    expect(holds({ fact: 'insurance', equals: 'kokuho' }, {}, [])).toBe(false);
    expect(holds({ not: { fact: 'insurance', equals: 'kokuho' } }, {}, [])).toBe(true);
    expect(
      holds({ fact: 'disabilities', in: ['mental'] }, { disabilities: ['physical', 'mental'] }, []),
    ).toBe(true);
    expect(
      holds(
        {
          all: [
            { fact: 'age', min: 6 },
            { fact: 'age', max: 15 },
          ],
        },
        { age: 15 },
        [],
      ),
    ).toBe(true);
    expect(
      holds(
        {
          any: [
            { fact: 'age', min: 65 },
            { fact: 'dogs', min: 1 },
          ],
        },
        { age: 30, dogs: 0 },
        [],
      ),
    ).toBe(false);
  });

  it('refuses malformed rules with Japanese messages, and publishes a JSON Schema', () => {
    const bad = procedureRuleSchema.safeParse({
      ...DEFAULT_PROCEDURE_RULES[0],
      id: 'Bad Id',
      when: { fact: 'age' },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('id');
    const schema = procedureRuleJsonSchema();
    expect(schema.type).toBe('object');
    expect(JSON.stringify(schema)).toContain('anyPerson');
  });

  it('pre-fills only the fields a rule lists', () => {
    const content = draftContentSchema.parse({
      moveDate: MOVE,
      to: { postalCode: '9999999', address: '見本県見本市本町一丁目2番3号' },
      from: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
      movers: [
        person('2019-06-15', { relationship: '子', school: { current: '千代田小学校', transfer: true } }),
      ],
      phone: '03-1234-5678',
      dogs: 1,
    });
    const facts = content.movers.map((m, i) => personFacts(m, i, MOVE));
    const selected = selectProcedures(rules, householdFacts('tennyu', content), facts);
    const shugaku = selected.find((p) => p.id === 'shugaku')!;
    const form = prefillForm(shugaku, {
      kind: 'tennyu',
      content,
      residentIds: [42],
      notifiedOn: '2026-11-24',
      head: { familyName: '見本', givenName: '一郎' },
    });
    expect(form.persons).toEqual([
      {
        residentId: 42,
        name: { familyName: '見本', givenName: '太郎' },
        kana: { familyName: 'ミホン', givenName: 'タロウ' },
        birthDate: '2019-06-15',
        sex: 'M',
        schoolGrade: 1,
        school: { current: '千代田小学校', transfer: true },
      },
    ]);
    expect(form.household).toEqual({
      address: { postalCode: '9999999', address: '見本県見本市本町一丁目2番3号' },
      moveDate: MOVE,
      phone: '03-1234-5678',
      head: '見本　一郎',
    });
    const dog = selected.find((p) => p.id === 'inu-toroku')!;
    const dogForm = prefillForm(dog, {
      kind: 'tennyu',
      content,
      residentIds: [42],
      notifiedOn: '2026-11-24',
      head: undefined,
    });
    expect(dogForm.persons[0]).toEqual({ name: { familyName: '見本', givenName: '太郎' } });
    expect(dogForm.household.dogs).toBe(1);
    expect(dogForm.household).not.toHaveProperty('birthDate');
  });
});
