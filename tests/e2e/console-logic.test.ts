/**
 * The staff console's own logic, without a browser: its copies of the
 * server's lists stay equal to the server's, the menu per role, the desk's
 * settings, dates as clerks type them, the certificate form's lines, the
 * opening-hours editor and the audit query.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES, JUMINHYO_ITEMS, KISAI_ITEMS } from '../../src/domain/certificates.js';
import { CHANNELS, KIOSK_KINDS } from '../../src/domain/channel-rules.js';
import { LAWFUL_REASONS, PROFESSIONS, REQUESTER_RELATIONS } from '../../src/domain/eligibility.js';
import { EXEMPTION_KINDS } from '../../src/domain/fees.js';
import { parseEraDate } from '../../src/domain/japanese-era.js';
import { EXCLUSIVE_ROLES, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../../src/staff/domain/permissions.js';
import { changeOf, defaultTaxYear, emptyLineForm, lineOf } from '../../web/counter/certificateForm.js';
import * as domain from '../../web/counter/domain.js';
import { parseTypedDate } from '../../web/counter/japaneseDate.js';
import { menuFor, SCREEN_IDS, SCREENS, screenOfRoute } from '../../web/counter/navigation.js';
import { daysLabel, draftOf, parseClock, planOf } from '../../web/counter/screens/admin/hoursModel.js';
import { parseCounterNumber, parseTerminalId, terminalIdOf } from '../../web/counter/workstation.js';

describe('the console keeps the server’s lists', () => {
  it('roles, permissions and the exclusive pair', () => {
    expect(domain.roleConflict(['admin', 'counter', 'audit'])).toEqual(['admin', 'audit']);
    expect(domain.roleConflict(['admin', 'counter'])).toBeUndefined();
    expect(domain.ROLES).toEqual(ROLES);
    expect(domain.PERMISSIONS).toEqual(PERMISSIONS);
    expect(domain.EXCLUSIVE_ROLES).toEqual(EXCLUSIVE_ROLES);
  });
  it('certificates, items, relations, reasons, professions, exemptions, channels', () => {
    expect(domain.CERTIFICATE_TYPES).toEqual(CERTIFICATE_TYPES);
    expect(domain.JUMINHYO_ITEMS).toEqual(JUMINHYO_ITEMS);
    expect(domain.KISAI_ITEMS).toEqual(KISAI_ITEMS);
    expect(domain.RELATIONS).toEqual(REQUESTER_RELATIONS);
    expect(domain.LAWFUL_REASONS).toEqual(LAWFUL_REASONS);
    expect(domain.PROFESSIONS).toEqual(PROFESSIONS);
    expect(domain.EXEMPTION_KINDS).toEqual(EXEMPTION_KINDS);
    expect(domain.CHANNELS).toEqual(CHANNELS);
    expect(domain.KIOSK_KINDS).toEqual(KIOSK_KINDS);
  });
});

describe('menu per role', () => {
  const built = new Set(SCREEN_IDS);
  const menuOf = (role: (typeof ROLES)[number]) =>
    menuFor(ROLE_PERMISSIONS[role], built).flatMap((group) => group.screens.map((s) => s.id));
  it('offers each role exactly the screens its permissions open', () => {
    expect(menuOf('counter')).toEqual(['home', 'issue', 'mail', 'account']);
    expect(menuOf('review')).toEqual(['home', 'reviews', 'account']);
    expect(menuOf('admin')).toEqual(['home', 'staff', 'fees', 'hours', 'kiosks', 'account']);
    expect(menuOf('audit')).toEqual(['home', 'audit', 'account']);
    expect(menuOf('stats')).toEqual(['home', 'stats', 'account']);
  });
  it('never offers a screen whose permission the member lacks, whatever the permissions', () => {
    fc.assert(
      fc.property(fc.subarray([...PERMISSIONS]), (granted) => {
        for (const { screens } of menuFor(granted, built))
          for (const screen of screens)
            expect(screen.permission === null || granted.includes(screen.permission)).toBe(true);
      }),
    );
  });
  it('leaves out screens this build does not have, and finds screens by route', () => {
    expect(
      menuFor(ROLE_PERMISSIONS.admin, new Set(['home', 'staff'])).flatMap((g) => g.screens.map((s) => s.id)),
    ).toEqual(['home', 'staff']);
    for (const screen of SCREENS) expect(screenOfRoute(screen.route)).toBe(screen);
    expect(screenOfRoute('nowhere')).toBeUndefined();
  });
});

describe('the desk', () => {
  it('reads counter numbers and terminal IDs as typed', () => {
    expect(parseCounterNumber('３')).toBe(3);
    expect(parseCounterNumber('100')).toBeUndefined();
    expect(parseTerminalId('')).toBeUndefined();
    expect(parseTerminalId('ＰＣ－０１２３')).toBe('PC-0123');
    expect(parseTerminalId('窓口1')).toBeNull();
    expect(terminalIdOf({ municipality: '999997', counterNumber: 7, kind: 'certificates' })).toBe(
      'counter-07',
    );
    expect(
      terminalIdOf({ municipality: '999997', counterNumber: 7, kind: 'certificates', terminalId: 'PC-0123' }),
    ).toBe('PC-0123');
  });
});

describe('dates as clerks type them', () => {
  it('reads western, compact, era-letter and era-name forms, full-width too', () => {
    for (const typed of [
      '1980-04-01',
      '19800401',
      '1980/4/1',
      'S55.4.1',
      's55.4.1',
      '昭和55年4月1日',
      'Ｓ５５．４．１',
    ])
      expect(parseTypedDate(typed), typed).toBe('1980-04-01');
    expect(parseTypedDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseTypedDate('H31.4.30')).toBe('2019-04-30');
  });
  it('refuses what is no real day', () => {
    for (const typed of ['', '1980-02-30', 'S55.13.1', 'tomorrow', 'X55.4.1', '2023-02-29'])
      expect(parseTypedDate(typed), typed).toBeUndefined();
  });
  it('agrees with the server’s era dates, era boundaries included (昭和64年7月1日 never was)', () => {
    const server = (text: string) => {
      try {
        return parseEraDate(text);
      } catch {
        return undefined;
      }
    };
    expect(parseTypedDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseTypedDate('昭和64年1月8日')).toBeUndefined();
    expect(parseTypedDate('平成元年1月8日')).toBe('1989-01-08');
    fc.assert(
      fc.property(
        fc.constantFrom('明治', '大正', '昭和', '平成', '令和', 'M', 'T', 'S', 'H', 'R'),
        fc.integer({ min: 1, max: 65 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (era, year, month, day) => {
          const text =
            era.length === 1 ? `${era}${year}.${month}.${day}` : `${era}${year}年${month}月${day}日`;
          expect(parseTypedDate(text), text).toBe(server(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('certificate lines', () => {
  const person: domain.PersonCard = {
    residentId: 11,
    householdId: 1,
    familyName: '𠮷田',
    givenName: '太郎',
    familyNameKana: 'ヨシダ',
    givenNameKana: 'タロウ',
    birthDate: '1960-01-10',
    sex: 'M',
    address: '見本県見本市本町二丁目3番4号',
    katagaki: null,
    status: 'active',
    postalCode: '9999999',
    relationship: '世帯主',
    supportMeasure: false,
    household: [],
    registers: [
      {
        kosekiId: 5,
        memberNo: 2,
        memberStatus: 'in',
        registerStatus: 'active',
        honseki: '見本市本町1',
        hittosha: '𠮷田　一郎',
      },
    ],
    sealRegistered: true,
  };

  it('builds the engine’s line for a 住民票 of the household with chosen items', () => {
    const form = {
      ...emptyLineForm('self', person),
      certificate: 'juminhyo' as const,
      scope: 'household',
      include: ['householdHead'],
      copies: '２',
    };
    expect(lineOf(form, person, {})).toEqual({
      line: {
        subject: { residentId: 11 },
        relation: 'self',
        options: { certificate: 'juminhyo', scope: 'household', include: ['householdHead'] },
        copies: 2,
      },
    });
  });
  it('sends 戸籍 lines to the register with the person’s member number, and the agent’s 委任状', () => {
    const form = { ...emptyLineForm('agent', person), certificate: 'koseki-kojin' as const };
    expect(lineOf(form, person, { powerOfAttorney: true })).toEqual({
      line: {
        subject: { kosekiId: 5 },
        relation: 'agent',
        powerOfAttorney: true,
        options: { certificate: 'koseki-kojin', memberNo: 2 },
        copies: 1,
      },
    });
  });
  it('names every missing part instead of sending a half line', () => {
    const form = {
      ...emptyLineForm('self', person),
      certificate: 'juminhyo-kisai' as const,
      memberIds: [],
      items: [],
      copies: '21',
      exempt: true,
    };
    expect(lineOf(form, person, {})).toEqual({
      problems: ['copies', 'exemptionKind', 'exemptionReason', 'members', 'items'],
    });
  });
  it('works out the change and the 年度 usually asked for', () => {
    expect(changeOf('1,000円', 900)).toBe(100);
    expect(changeOf('abc', 900)).toBeUndefined();
    expect(defaultTaxYear('2026-05-31')).toBe(2025);
    expect(defaultTaxYear('2026-06-01')).toBe(2026);
  });
});

describe('opening hours editor', () => {
  const base: domain.HoursPlan = {
    windows: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:15', onHolidays: false }],
    annualClosures: [{ from: '12-29', to: '01-03', name: { ja: '年末年始', en: 'year end' } }],
  };
  it('reads times as typed and keeps the closures it does not edit', () => {
    expect(parseClock('８：３０', false)).toBe('08:30');
    expect(parseClock('1900', true)).toBe('19:00');
    expect(parseClock('24:00', false)).toBeUndefined();
    expect(parseClock('24:00', true)).toBe('24:00');
    const draft = draftOf(base);
    draft.windows[0]!.close = '1900';
    expect(planOf(draft, base)).toEqual({
      plan: {
        ...base,
        windows: [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '19:00', onHolidays: false }],
      },
    });
  });
  it('says where a draft is wrong', () => {
    const draft = draftOf(base);
    draft.windows[0]!.days = [];
    draft.windows[0]!.close = '07:00';
    draft.outages.push({
      key: 99,
      from: '2026-01-01T10:00',
      to: '2026-01-01T09:00',
      reasonJa: '保守',
      reasonEn: '',
    });
    expect(planOf(draft, base)).toEqual({
      problems: [
        { at: 'windows.0.days', key: 'days' },
        { at: 'windows.0.close', key: 'order' },
        { at: 'outages.0.to', key: 'order' },
        { at: 'outages.0.reason', key: 'reason' },
      ],
    });
  });
  it('reads weekdays as a person does', () => {
    const names = ['月', '火', '水', '木', '金', '土', '日'];
    expect(daysLabel([1, 2, 3, 4, 5], names, '〜', '・')).toBe('月〜金');
    expect(daysLabel([0, 6], names, '〜', '・')).toBe('土・日');
    expect(daysLabel([1, 3, 5], names, '〜', '・')).toBe('月・水・金');
    expect(daysLabel([0, 1, 2, 3, 4, 5, 6], names, '〜', '・')).toBe('月〜日');
  });
});

describe('audit query', () => {
  it('leaves empty filters out and keeps the paging', () => {
    expect(
      domain.auditQuery({ actor: ' ', action: 'staff.*', from: '2026-04-01', page: 2, pageSize: 50 }),
    ).toBe('action=staff.*&from=2026-04-01&page=2&pageSize=50');
  });
});
