/**
 * The phone's own checks (web/shared/moving) against the server's rules
 * (src/notifications/domain): the phone may say less than the server, never
 * something else. A field the phone refuses, the server refuses too, so a
 * resident is never blocked from an answer the town would take; the content
 * the phone sends parses; every problem the server can name leads to a step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn as serverAgeOn } from '../../src/domain/japanese-era.js';
import { draftContentSchema, draftProblems } from '../../src/notifications/domain/draft-content.js';
import {
  domesticAddressProblem,
  phoneNumber,
  isKana as serverIsKana,
  normalizePostalCode as serverPostalCode,
} from '../../src/notifications/domain/fields.js';
import { schoolGradeOn as serverSchoolGrade } from '../../src/notifications/domain/household-facts.js';
import { moveDateWindow as serverWindow } from '../../src/notifications/domain/move-dates.js';
import { checkStep } from '../../web/shared/moving/checks.js';
import {
  addressFormProblem,
  ageOn,
  cleanContent,
  type DraftContent,
  emptyMover,
  isKana,
  isPhoneNumber,
  MOVE_KINDS,
  moveDateWindow,
  normalizePostalCode,
  referenceFromScan,
  STEP_IDS,
  schoolGradeOn,
  stepOfPath,
  stepsFor,
  withFirstMover,
} from '../../web/shared/moving/content.js';

const RUNS = { numRuns: 400 };
const MUNICIPALITY = { prefecture: '見本県', name: '見本市' };

/** Calendar dates from 1890 to 2040. */
const isoDate = fc
  .date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Strings made of the characters people actually type into these fields, and a few they should not. */
const typed = (alphabet: string[]) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 12 }).map((chars) => chars.join(''));
const KANA_ALPHABET = [
  'あ',
  'い',
  'ゔ',
  'ア',
  'ヴ',
  'ｱ',
  'ﾞ',
  'ー',
  '・',
  ' ',
  '　',
  'a',
  'A',
  '1',
  '漢',
  'ゝ',
  'ヽ',
  '-',
];
const POSTAL_ALPHABET = ['1', '2', '9', '０', '９', '-', 'ー', '〒', ' ', 'a'];
const ADDRESS_ALPHABET = [
  '東京都',
  '北海道',
  '見本県',
  '京都府',
  '千代田区',
  '見本市',
  '郡',
  '町',
  '村',
  '本町',
  '1',
  '２',
  '三',
  '番',
  '号',
  ' ',
  'a',
];
const PHONE_ALPHABET = ['0', '9', '１', '-', '(', ')', '+', ' ', 'a'];

describe('the phone checks as the server does', () => {
  it('kana: the same answers are kana on both sides', () => {
    fc.assert(
      fc.property(typed(KANA_ALPHABET), (value) => {
        expect(isKana(value)).toBe(serverIsKana(value));
      }),
      RUNS,
    );
  });

  it('postal codes: the same normal form (〒, hyphens, full-width digits)', () => {
    fc.assert(
      fc.property(typed(POSTAL_ALPHABET), (value) => {
        expect(normalizePostalCode(value)).toBe(serverPostalCode(value));
      }),
      RUNS,
    );
  });

  it('address form: the phone flags exactly the addresses the server flags', () => {
    fc.assert(
      fc.property(typed(ADDRESS_ALPHABET), (value) => {
        expect(addressFormProblem(value) === undefined).toBe(domesticAddressProblem(value) === undefined);
      }),
      RUNS,
    );
  });

  it('telephone numbers: the same form', () => {
    const schema = phoneNumber();
    fc.assert(
      fc.property(typed(PHONE_ALPHABET), (value) => {
        expect(isPhoneNumber(value)).toBe(schema.safeParse(value).success);
      }),
      RUNS,
    );
  });

  it('ages and school years: the same on every day (so the phone asks about school when the rules will)', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (birth, on) => {
        fc.pre(birth <= on);
        expect(ageOn(birth, on)).toBe(serverAgeOn(birth, on));
        expect(schoolGradeOn(birth, on)).toBe(serverSchoolGrade(birth, on));
      }),
      RUNS,
    );
  });

  it('the law’s periods: the same window for a phone draft and for the counter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MOVE_KINDS),
        isoDate,
        fc.integer({ min: 1, max: 30 }),
        (kind, today, days) => {
          expect(moveDateWindow(kind, today, days)).toEqual(serverWindow(kind, today, 'draft', days));
          expect(moveDateWindow(kind, today, 0)).toEqual(serverWindow(kind, today, 'accept', 7));
        },
      ),
      RUNS,
    );
  });
});

describe('what the phone sends, the server reads', () => {
  /** A complete, valid draft of the kind; each case changes one answer of it. */
  function validDraft(kind: (typeof MOVE_KINDS)[number]): DraftContent {
    const inTown = { postalCode: '9999999', address: '見本県見本市本町二丁目3番4号' };
    const elsewhere = { postalCode: '1000001', address: '東京都千代田区千代田1番1号' };
    return {
      moveDate: '2026-11-24',
      moveType: 'domestic',
      ...(kind === 'tennyu' ? {} : { wholeHousehold: true }),
      from: kind === 'tennyu' ? elsewhere : inTown,
      to: kind === 'tenshutsu' ? elsewhere : { ...inTown, address: '見本県見本市緑町一丁目5番6号' },
      movers: [
        {
          ...emptyMover(),
          familyName: '髙橋',
          givenName: '一郎',
          familyNameKana: 'タカハシ',
          givenNameKana: 'イチロウ',
          birthDate: '1980-04-01',
          relationship: '世帯主',
        },
      ],
      ...(kind === 'tenshutsu'
        ? {}
        : { household: { arrangement: kind === 'tenkyo' ? ('same' as const) : ('new' as const) } }),
    };
  }

  /** Where the server sees a problem: its schema's issues, or (when the schema passes) its completeness rules. */
  function serverPaths(kind: (typeof MOVE_KINDS)[number], draft: DraftContent): string[] {
    const parsed = draftContentSchema.safeParse(draft);
    if (!parsed.success) return parsed.error.issues.map((issue) => issue.path.join('.'));
    return draftProblems(parsed.data, {
      kind,
      today: '2026-11-25',
      municipality: MUNICIPALITY,
      stage: 'draft',
      draftLifetimeDays: 7,
    }).map((p) => p.at ?? '');
  }

  const answer = fc.oneof(
    fc.record({
      path: fc.constantFrom('familyName', 'givenName'),
      value: typed(['髙', '橋', ' ', '　', '\u0007', 'a']),
    }),
    fc.record({ path: fc.constantFrom('familyNameKana', 'givenNameKana'), value: typed(KANA_ALPHABET) }),
    fc.record({
      path: fc.constant('birthDate'),
      value: fc.oneof(isoDate, fc.constantFrom('2020-02-30', '1980-13-01')),
    }),
    fc.record({ path: fc.constantFrom('from.postalCode', 'to.postalCode'), value: typed(POSTAL_ALPHABET) }),
    fc.record({ path: fc.constantFrom('from.address', 'to.address'), value: typed(ADDRESS_ALPHABET) }),
    fc.record({ path: fc.constant('phone'), value: typed(PHONE_ALPHABET) }),
  );

  function withAnswer(draft: DraftContent, path: string, value: string): { draft: DraftContent; at: string } {
    if (path === 'phone') return { draft: { ...draft, phone: value }, at: 'phone' };
    if (path.includes('.')) {
      const [side, field] = path.split('.') as ['from' | 'to', 'postalCode' | 'address'];
      return { draft: { ...draft, [side]: { ...draft[side], [field]: value } }, at: path };
    }
    const first = { ...draft.movers[0]!, [path]: value };
    return { draft: { ...draft, movers: [first] }, at: `movers.0.${path}` };
  }

  it('an answer the phone refuses, the server refuses too (the phone never blocks what the town takes)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MOVE_KINDS), answer, (kind, { path, value }) => {
        const { draft, at } = withAnswer(validDraft(kind), path, value);
        const ctx = { kind, today: '2026-11-25', draftLifetimeDays: 7 };
        const flagged = STEP_IDS.flatMap((step) => Object.entries(checkStep(step, draft, ctx)));
        for (const [flaggedPath, check] of flagged) {
          // An empty answer the phone asks for may still be optional to the server's schema (the phone asks more).
          if (check.key === 'required') continue;
          expect(flaggedPath, `${kind}: the only changed answer is ${at}`).toBe(at);
          expect(serverPaths(kind, draft), `${kind} ${at}=${JSON.stringify(value)} (${check.key})`).toContain(
            at,
          );
        }
      }),
      RUNS,
    );
  });

  it('the valid drafts of the cases above are valid on both sides', () => {
    for (const kind of MOVE_KINDS) {
      const draft = validDraft(kind);
      const ctx = { kind, today: '2026-11-25', draftLifetimeDays: 7 };
      expect(
        STEP_IDS.flatMap((step) => Object.keys(checkStep(step, draft, ctx))),
        kind,
      ).toEqual(['notifier.familyName']);
      expect(serverPaths(kind, draft), kind).toEqual([]);
    }
  });

  it('a complete questionnaire, with any of its optional answers left empty or given, parses as sent', () => {
    const optional = fc.record(
      {
        katagaki: fc.constantFrom('', '緑ハイツ202号室'),
        insurance: fc.constantFrom(undefined, 'kokuho' as const, 'shaho' as const),
        pension: fc.constantFrom(undefined, 'dai1' as const, 'receiving' as const),
        disabilities: fc.constantFrom(undefined, [] as [], ['physical' as const, 'mental' as const]),
        careCertified: fc.constantFrom(undefined, true, false),
        myNumberCard: fc.constantFrom(undefined, true, false),
        school: fc.constantFrom(
          undefined,
          { transfer: false },
          { current: '', transfer: true },
          { current: '本町小学校', transfer: true },
        ),
        honseki: fc.constantFrom(undefined, '', '見本県見本市本町二丁目3番地'),
        nationality: fc.constantFrom(undefined, 'ブラジル'),
        dogs: fc.constantFrom(undefined, 0, 2),
        phone: fc.constantFrom(undefined, '', '090-1234-5678'),
        notes: fc.constantFrom(undefined, '', '車いすを使います'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...MOVE_KINDS), optional, (kind, extra) => {
        const base = validDraft(kind);
        const person = { ...base.movers[0]! };
        for (const key of [
          'insurance',
          'pension',
          'disabilities',
          'careCertified',
          'myNumberCard',
          'school',
          'honseki',
          'nationality',
        ] as const)
          if (extra[key] !== undefined) Object.assign(person, { [key]: extra[key] });
        const draft: DraftContent = {
          ...base,
          to: { ...base.to!, katagaki: extra.katagaki ?? '' },
          movers: [person],
          notifier: { familyName: '髙橋', givenName: '一郎', relation: 'self' },
          ...(extra.dogs !== undefined ? { dogs: extra.dogs } : {}),
          ...(extra.phone !== undefined ? { phone: extra.phone } : {}),
          ...(extra.notes !== undefined ? { notes: extra.notes } : {}),
        };
        const ctx = { kind, today: '2026-11-25', draftLifetimeDays: 7 };
        expect(STEP_IDS.flatMap((step) => Object.keys(checkStep(step, draft, ctx)))).toEqual([]);
        const parsed = draftContentSchema.safeParse(cleanContent(draft));
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(serverPaths(kind, cleanContent(draft))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the empty person the people step starts with is never sent, so early steps can be saved', () => {
    for (const kind of MOVE_KINDS) {
      const draft = withFirstMover(kind, { movers: [] });
      expect(draft.movers).toHaveLength(1);
      expect(cleanContent(draft).movers).toEqual([]);
      expect(draftContentSchema.safeParse(cleanContent(draft)).success).toBe(true);
    }
    expect(cleanContent({ movers: [{ ...emptyMover(), familyName: '髙橋' }] }).movers).toHaveLength(1);
  });

  it('every problem the server names leads to a step the resident can reach', () => {
    for (const kind of MOVE_KINDS) {
      const empty: DraftContent = { movers: [] };
      const problems = draftProblems(draftContentSchema.parse(empty), {
        kind,
        today: '2026-11-25',
        municipality: MUNICIPALITY,
        stage: 'draft',
        draftLifetimeDays: 7,
      });
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        const step = stepOfPath(problem.at);
        expect([...stepsFor(kind, empty), 'review'], `${kind} ${problem.at}`).toContain(step);
        expect(step, `${kind} ${problem.at}`).not.toBe('review');
      }
    }
  });

  it('a scanned QR text is passed on whole; a typed reference loses its spaces and dashes', () => {
    expect(referenceFromScan(' MDGN1:999997:0123456789ABCDEFGHJKMNPQRS \n')).toBe(
      'MDGN1:999997:0123456789ABCDEFGHJKMNPQRS',
    );
    expect(referenceFromScan('0123 4567-89AB')).toBe('0123456789AB');
  });
});
