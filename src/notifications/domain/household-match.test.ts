import { describe, expect, it } from 'vitest';
import { kanaKey, nameKey } from '../../domain/text-fold.js';
import { type DraftContent, draftContentSchema, draftProblems } from './draft-content.js';
import {
  checkMoversHousehold,
  type HouseholdView,
  pickMovers,
  type RegisterPerson,
  snapshotOf,
  snapshotStillHolds,
} from './household-match.js';

let nextId = 1;
function resident(
  given: string,
  givenKana: string,
  birthDate: string,
  extra: Partial<RegisterPerson> = {},
): RegisterPerson {
  return {
    residentId: nextId++,
    householdId: 10,
    version: 1,
    status: 'active',
    familyName: '𠮷田',
    givenName: given,
    familyNameKana: 'ヨシダ',
    givenNameKana: givenKana,
    birthDate,
    sex: 'M',
    relationship: '子',
    juminhyoCode: `0000000000${nextId}`.slice(-11),
    postalCode: '9999999',
    address: '見本県見本市本町二丁目3番4号',
    katagaki: null,
    honseki: null,
    hittosha: null,
    residentSince: '2000-01-01',
    myNumber: null,
    nameKey: nameKey('𠮷田', given),
    kanaKey: kanaKey('ヨシダ', givenKana),
    ...extra,
  };
}

const head = resident('太郎', 'タロウ', '1970-01-01', { relationship: '世帯主' });
const wife = resident('花子', 'ハナコ', '1972-02-02', { relationship: '妻', sex: 'F' });
const son = resident('一郎', 'イチロウ', '2000-03-03');
const household: HouseholdView = {
  householdId: 10,
  headResidentId: head.residentId,
  members: [head, wife, son],
};

function content(movers: RegisterPerson[], extra: Partial<DraftContent> = {}): DraftContent {
  return draftContentSchema.parse({
    moveDate: '2026-11-20',
    from: { postalCode: '9999999', address: head.address },
    movers: movers.map((m) => ({
      familyName: '吉田',
      givenName: m.givenName,
      familyNameKana: 'よしだ',
      givenNameKana: m.givenNameKana,
      birthDate: m.birthDate,
      sex: m.sex,
      relationship: m.relationship,
    })),
    ...extra,
  });
}

describe('matching movers to the register', () => {
  it('finds each mover by kana and birth date, whatever kanji variant was typed', () => {
    const { picks, problems } = pickMovers(content([head, wife]), [head, wife, son]);
    expect(problems).toEqual([]);
    expect(picks.map((p) => p.person.residentId)).toEqual([head.residentId, wife.residentId]);
  });

  it('says who is missing, who moved out, and who is ambiguous', () => {
    const gone = { ...son, status: 'moved_out' };
    const twin = resident('花子', 'ハナコ', '1972-02-02', { address: '見本県見本市緑町1番' });
    const { problems } = pickMovers(
      content([head, wife, son]),
      [head, wife, twin, gone].filter((p) => p !== head),
    );
    expect(problems.map((p) => p.at)).toEqual(['movers.0', 'movers.2']);
    expect(problems[0]!.ja).toContain('見つかりません');
    expect(problems[1]!.ja).toContain('住民ではありません');
    // Namesakes born the same day: the one at the address moved from wins.
    expect(pickMovers(content([wife]), [wife, twin]).picks[0]!.person.residentId).toBe(wife.residentId);
    const elsewhere = content([wife], { from: { postalCode: '9999999', address: '見本県見本市港町1番' } });
    expect(pickMovers(elsewhere, [wife, twin]).problems[0]!.ja).toContain('複数');
  });

  it('checks the household: whole means everyone, a leaving head needs a new head among those who stay', () => {
    const whole = content([head, wife], { wholeHousehold: true });
    expect(checkMoversHousehold('tenkyo', whole, [head, wife], household).problems[0]!.ja).toContain(
      '届出にない方が1人',
    );
    const part = content([head], { wholeHousehold: false });
    expect(checkMoversHousehold('tenshutsu', part, [head], household).problems[0]!.at).toBe(
      'household.remainingHead',
    );
    const named = content([head], {
      wholeHousehold: false,
      household: {
        arrangement: 'new',
        remainingHead: { familyName: '𠮷田', givenName: '花子', birthDate: '1972-02-02' },
      },
    });
    expect(checkMoversHousehold('tenshutsu', named, [head], household)).toEqual({
      remainingHeadResidentId: wife.residentId,
      problems: [],
    });
    const all = content([head, wife, son], { wholeHousehold: false });
    expect(checkMoversHousehold('tenshutsu', all, [head, wife, son], household).problems[0]!.ja).toContain(
      '世帯全員',
    );
  });

  it('notices any change of the household since the snapshot', () => {
    const snapshot = snapshotOf(household);
    expect(snapshotStillHolds(snapshot, household)).toBe(true);
    expect(
      snapshotStillHolds(snapshot, { ...household, members: [head, { ...wife, version: 2 }, son] }),
    ).toBe(false);
    expect(snapshotStillHolds(snapshot, { ...household, members: [head, wife] })).toBe(false);
    expect(snapshotStillHolds(snapshot, { ...household, headResidentId: wife.residentId })).toBe(false);
  });
});

describe('draft completeness', () => {
  const municipality = { prefecture: '見本県', name: '見本市' };
  const check = (kind: 'tennyu' | 'tenkyo' | 'tenshutsu', c: DraftContent) =>
    draftProblems(c, { kind, today: '2026-11-24', municipality, stage: 'accept', draftLifetimeDays: 7 }).map(
      (p) => p.at,
    );

  it('a complete 転居 has no problems; addresses must be in town and differ', () => {
    const ok = content([head, wife, son], {
      wholeHousehold: true,
      to: { postalCode: '9999999', address: '見本県見本市緑町1番2号' },
      household: { arrangement: 'same' },
    });
    expect(check('tenkyo', ok)).toEqual([]);
    expect(
      check('tenkyo', { ...ok, to: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' } }),
    ).toEqual(['to.address']);
    expect(check('tenkyo', { ...ok, to: ok.from })).toEqual(['to.address']);
  });

  it('転入 and 転出 are between towns; a new household needs one head; abroad needs a country', () => {
    const tennyu = content([head, wife], {
      from: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
      to: { postalCode: '9999999', address: '見本県見本市緑町1番2号' },
      household: { arrangement: 'new' },
    });
    expect(check('tennyu', tennyu)).toEqual([]);
    expect(check('tennyu', { ...tennyu, from: tennyu.to })).toEqual(['from.address']);
    expect(
      check('tennyu', { ...tennyu, movers: tennyu.movers.map((m) => ({ ...m, relationship: '子' })) }),
    ).toEqual(['movers']);
    expect(check('tennyu', { ...tennyu, moveType: 'abroad' })).toEqual(['from.country']);
    const abroad = {
      ...tennyu,
      moveType: 'abroad' as const,
      from: { country: 'アメリカ合衆国', address: 'New York, NY' },
    };
    expect(check('tennyu', abroad)).toEqual([]);
    const tenshutsu = content([head, wife, son], {
      wholeHousehold: true,
      to: { postalCode: '1000001', address: '東京都千代田区千代田1番1号' },
    });
    expect(check('tenshutsu', tenshutsu)).toEqual([]);
    expect(check('tenshutsu', { ...tenshutsu, wholeHousehold: undefined })).toEqual(['wholeHousehold']);
  });
});
