import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificateType } from './certificates.js';
import type { Channel } from './channel-rules.js';
import {
  addBusinessDays,
  autumnalEquinoxDay,
  checkServiceHours,
  DEFAULT_SERVICE_HOURS,
  DEMO_SERVICE_HOURS,
  fromTokyoWallClock,
  isBusinessDay,
  nationalHolidayName,
  nationalHolidaysOf,
  type ServiceHoursConfig,
  type ServiceHoursDecision,
  toTokyoWallClock,
  vernalEquinoxDay,
  weekdayOf,
} from './service-hours.js';

/** Holidays as MM-DD:name for a compact comparison. */
const listOf = (year: number) => [...nationalHolidaysOf(year)].map(([d, n]) => `${d.slice(5)}:${n}`);

describe('national holidays', () => {
  it('match the Cabinet Office calendar for 2024 and 2025 (substitute days included)', () => {
    expect(listOf(2024)).toEqual([
      '01-01:元日',
      '01-08:成人の日',
      '02-11:建国記念の日',
      '02-12:振替休日',
      '02-23:天皇誕生日',
      '03-20:春分の日',
      '04-29:昭和の日',
      '05-03:憲法記念日',
      '05-04:みどりの日',
      '05-05:こどもの日',
      '05-06:振替休日',
      '07-15:海の日',
      '08-11:山の日',
      '08-12:振替休日',
      '09-16:敬老の日',
      '09-22:秋分の日',
      '09-23:振替休日',
      '10-14:スポーツの日',
      '11-03:文化の日',
      '11-04:振替休日',
      '11-23:勤労感謝の日',
    ]);
    expect(listOf(2025)).toEqual([
      '01-01:元日',
      '01-13:成人の日',
      '02-11:建国記念の日',
      '02-23:天皇誕生日',
      '02-24:振替休日',
      '03-20:春分の日',
      '04-29:昭和の日',
      '05-03:憲法記念日',
      '05-04:みどりの日',
      '05-05:こどもの日',
      '05-06:振替休日',
      '07-21:海の日',
      '08-11:山の日',
      '09-15:敬老の日',
      '09-23:秋分の日',
      '10-13:スポーツの日',
      '11-03:文化の日',
      '11-23:勤労感謝の日',
      '11-24:振替休日',
    ]);
  });

  it('handle the accession year 2019 and the Olympic moves of 2020 and 2021', () => {
    const y2019 = nationalHolidaysOf(2019);
    expect(y2019.get('2019-04-30')).toBe('国民の休日');
    expect(y2019.get('2019-05-01')).toBe('天皇の即位の日');
    expect(y2019.get('2019-05-02')).toBe('国民の休日');
    expect(y2019.get('2019-05-06')).toBe('振替休日');
    expect(y2019.get('2019-10-22')).toBe('即位礼正殿の儀');
    expect([...y2019.values()]).not.toContain('天皇誕生日');
    expect(y2019.size).toBe(22);

    expect(nationalHolidayName('2020-07-23')).toBe('海の日');
    expect(nationalHolidayName('2020-07-24')).toBe('スポーツの日');
    expect(nationalHolidayName('2020-08-10')).toBe('山の日');
    expect(nationalHolidayName('2020-10-12')).toBeNull();
    expect(nationalHolidayName('2021-07-22')).toBe('海の日');
    expect(nationalHolidayName('2021-07-23')).toBe('スポーツの日');
    expect(nationalHolidayName('2021-08-08')).toBe('山の日');
    expect(nationalHolidayName('2021-08-09')).toBe('振替休日');
    expect(nationalHolidayName('2021-08-11')).toBeNull();
  });

  it('make the day between two holidays a 国民の休日 (silver weeks)', () => {
    expect(nationalHolidayName('2009-09-22')).toBe('国民の休日');
    expect(nationalHolidayName('2015-09-22')).toBe('国民の休日');
    expect(nationalHolidayName('2026-09-22')).toBe('国民の休日');
    expect(nationalHolidayName('2020-09-22')).toBe('秋分の日');
    expect(nationalHolidayName('1988-05-04')).toBe('国民の休日');
    expect(nationalHolidayName('1985-05-04')).toBeNull(); // the rule began on 1985-12-27
    expect(nationalHolidayName('2032-09-21')).toBe('国民の休日'); // 敬老の日 9/20 and 秋分の日 9/22
  });

  it('follow the substitute-holiday rules before and after 2007', () => {
    expect(nationalHolidayName('1973-04-30')).toBe('振替休日'); // the first one
    expect(nationalHolidayName('1973-02-12')).toBeNull(); // before the law of 1973-04-12
    expect(nationalHolidayName('2006-01-02')).toBe('振替休日');
    expect(nationalHolidayName('2008-05-06')).toBe('振替休日'); // 5/4 Sunday, 5/5 a holiday → 5/6
    expect(nationalHolidayName('1990-04-30')).toBe('振替休日');
    expect(nationalHolidayName('1990-12-24')).toBe('振替休日');
    expect(nationalHolidayName('1989-02-24')).toBe('昭和天皇の大喪の礼');
    expect(nationalHolidayName('1959-04-10')).toBe('皇太子明仁親王の結婚の儀');
  });

  it('follow the older fixed dates', () => {
    expect(nationalHolidayName('1999-01-15')).toBe('成人の日');
    expect(nationalHolidayName('2000-01-10')).toBe('成人の日');
    expect(nationalHolidayName('1988-04-29')).toBe('天皇誕生日');
    expect(nationalHolidayName('2006-04-29')).toBe('みどりの日');
    expect(nationalHolidayName('2018-12-23')).toBe('天皇誕生日');
    expect(nationalHolidayName('2002-07-20')).toBe('海の日');
    expect(nationalHolidayName('1995-07-20')).toBeNull();
    expect(nationalHolidayName('2002-09-15')).toBe('敬老の日');
    expect(nationalHolidayName('1999-10-10')).toBe('体育の日');
    expect(nationalHolidayName('1966-02-11')).toBeNull();
    expect(nationalHolidayName('2015-08-11')).toBeNull();
  });

  it('compute the equinoxes by the standard formula', () => {
    expect([vernalEquinoxDay(2000), autumnalEquinoxDay(2000)]).toEqual([20, 23]);
    expect([vernalEquinoxDay(2012), autumnalEquinoxDay(2012)]).toEqual([20, 22]);
    expect([vernalEquinoxDay(2023), autumnalEquinoxDay(2023)]).toEqual([21, 23]);
    expect([vernalEquinoxDay(1979), autumnalEquinoxDay(1979)]).toEqual([21, 24]);
    expect([vernalEquinoxDay(2044), autumnalEquinoxDay(2044)]).toEqual([20, 22]);
    expect(() => vernalEquinoxDay(2100)).toThrow(RangeError);
    expect(() => nationalHolidaysOf(1948)).toThrow(RangeError);
  });

  it('keep their structural rules every year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1949, max: 2099 }), (year) => {
        const holidays = nationalHolidaysOf(year);
        expect(holidays.size).toBeGreaterThanOrEqual(9);
        expect(holidays.size).toBeLessThanOrEqual(24);
        for (const [date, name] of holidays) {
          expect(date.startsWith(`${year}-`)).toBe(true);
          if (['成人の日', '海の日', '敬老の日', '体育の日', 'スポーツの日'].includes(name) && year >= 2003) {
            if (!(year === 2020 || year === 2021) || name === '成人の日' || name === '敬老の日') {
              expect(weekdayOf(date)).toBe(1);
            }
          }
          if (name === '振替休日') {
            // Walking back over holidays reaches a Sunday holiday.
            let back = new Date(`${date}T00:00:00Z`);
            do back = new Date(back.getTime() - 86_400_000);
            while (back.getUTCDay() !== 0 && holidays.has(back.toISOString().slice(0, 10)));
            expect(back.getUTCDay()).toBe(0);
            expect(holidays.has(back.toISOString().slice(0, 10))).toBe(true);
          }
        }
        if (year >= 2008) {
          // Since 2007 every 祝日 on a Sunday yields a substitute day.
          for (const [date, name] of holidays) {
            if (weekdayOf(date) === 0 && name !== '国民の休日' && !date.endsWith('12-31')) {
              let next = date;
              do next = new Date(Date.parse(`${next}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
              while (holidays.has(next) && holidays.get(next) !== '振替休日');
              expect(holidays.get(next)).toBe('振替休日');
            }
          }
        }
      }),
      { numRuns: 151 },
    );
  });

  it('tell business days of the municipal office', () => {
    expect(isBusinessDay('2024-06-10')).toBe(true);
    expect(isBusinessDay('2024-06-08')).toBe(false);
    expect(isBusinessDay('2024-12-30')).toBe(false);
    expect(isBusinessDay('2025-01-03')).toBe(false);
    expect(isBusinessDay('2024-05-06')).toBe(false);
    expect(addBusinessDays('2024-12-27', 1)).toBe('2025-01-06');
    expect(addBusinessDays('2024-05-02', 1)).toBe('2024-05-07');
    expect(addBusinessDays('2024-06-08', 0)).toBe('2024-06-10');
  });
});

describe('Tokyo wall clock', () => {
  it('is UTC+9 whatever the machine says', () => {
    const clock = toTokyoWallClock(new Date('2024-06-10T14:01:30Z'));
    expect(clock).toEqual({
      date: '2024-06-10',
      weekday: 1,
      hour: 23,
      minute: 1,
      second: 30,
      local: '2024-06-10T23:01:30',
    });
    expect(toTokyoWallClock(new Date('2024-12-31T15:00:00Z')).local).toBe('2025-01-01T00:00:00');
    expect(fromTokyoWallClock('2025-01-01T00:00').toISOString()).toBe('2024-12-31T15:00:00.000Z');
    expect(() => fromTokyoWallClock('2025-01-01T24:00')).toThrow(RangeError);
    expect(() => fromTokyoWallClock('2025-02-30T10:00')).toThrow(RangeError);
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2099, 0, 1) / 1000 }),
        (seconds) => {
          const at = new Date(seconds * 1000);
          expect(fromTokyoWallClock(toTokyoWallClock(at).local).getTime()).toBe(at.getTime());
        },
      ),
    );
  });
});

const jst = (local: string) => fromTokyoWallClock(local);

function refused(decision: ServiceHoursDecision) {
  if (decision.ok) throw new Error('expected a refusal');
  return decision;
}

describe('kiosk hours', () => {
  const check = (local: string, certificate: CertificateType = 'juminhyo', config?: ServiceHoursConfig) =>
    checkServiceHours({
      channel: 'kiosk',
      kioskKind: 'store',
      certificate,
      at: jst(local),
      ...(config ? { config } : {}),
    });

  it('refuse a request at 23:01 with tomorrow’s opening', () => {
    const d = refused(check('2024-06-10T23:01'));
    expect(d.reason).toBe('outside_hours');
    expect(d.refusals[0]?.code).toBe('service_outside_hours');
    expect(d.nextOpening?.local).toBe('2024-06-11T06:30:00');
    expect(d.nextOpening?.ja).toBe('明日 6時30分から');
    expect(d.nextOpening?.en).toBe('from 6:30 tomorrow');
    expect(d.nextOpening?.instant.toISOString()).toBe('2024-06-10T21:30:00.000Z');
    expect(d.refusals[0]?.ja).toContain('明日 6時30分からご利用いただけます。');
  });

  it('serve until 23:00 exclusive and from 6:30 inclusive', () => {
    expect(check('2024-06-10T22:59:59')).toMatchObject({ ok: true, closesAt: { ja: '本日 23時まで' } });
    expect(check('2024-06-10T23:00').ok).toBe(false);
    expect(check('2024-06-10T06:30').ok).toBe(true);
    expect(refused(check('2024-06-10T06:29:59')).nextOpening?.ja).toBe('本日 6時30分から');
  });

  it('close over the year end and reopen on 4 January', () => {
    const d = refused(check('2025-01-02T10:00'));
    expect(d.reason).toBe('closed_period');
    expect(d.refusals[0]?.code).toBe('service_closed_period');
    expect(d.refusals[0]?.ja).toContain('年末年始');
    expect(d.nextOpening?.local).toBe('2025-01-04T06:30:00');
    expect(d.nextOpening?.ja).toBe('1月4日 6時30分から');
    expect(d.nextOpening?.en).toBe('from 6:30 on 4 January');
    expect(refused(check('2024-12-28T23:30')).nextOpening?.ja).toBe('1月4日 6時30分から');
    expect(check('2024-12-28T22:00').ok).toBe(true);
  });

  it('stay open on national holidays', () => {
    expect(check('2024-05-03T12:00').ok).toBe(true);
  });

  it('stop for maintenance windows with the reason', () => {
    const config: ServiceHoursConfig = {
      ...DEFAULT_SERVICE_HOURS,
      kiosk: {
        ...DEFAULT_SERVICE_HOURS.kiosk,
        outages: [
          {
            from: '2024-06-12T00:00',
            to: '2024-06-12T12:00',
            reason: {
              ja: '証明書交付センターの定期保守',
              en: 'scheduled maintenance of the issuance centre',
            },
          },
        ],
      },
    };
    const d = refused(check('2024-06-12T10:00', 'juminhyo', config));
    expect(d.reason).toBe('maintenance');
    expect(d.refusals[0]?.ja).toContain('定期保守');
    expect(d.nextOpening?.ja).toBe('本日 12時から');
    expect(check('2024-06-12T12:00', 'juminhyo', config).ok).toBe(true);
    expect(refused(check('2024-06-11T23:30', 'juminhyo', config)).nextOpening?.local).toBe(
      '2024-06-12T12:00:00',
    );
  });

  it('apply per-certificate exceptions on top of the channel hours', () => {
    // 戸籍 weekdays 9:00–17:00 only in the demo town.
    expect(check('2024-06-10T10:00', 'koseki-zenbu', DEMO_SERVICE_HOURS).ok).toBe(true);
    const saturday = refused(check('2024-06-08T10:00', 'koseki-zenbu', DEMO_SERVICE_HOURS));
    expect(saturday.reason).toBe('certificate_hours');
    expect(saturday.refusals[0]?.code).toBe('certificate_outside_hours');
    expect(saturday.refusals[0]?.ja).toContain('平日');
    expect(saturday.nextOpening?.ja).toBe('6月10日 9時から');
    expect(check('2024-06-08T10:00', 'juminhyo', DEMO_SERVICE_HOURS).ok).toBe(true);
    expect(refused(check('2024-06-10T17:00', 'fuhyo', DEMO_SERVICE_HOURS)).nextOpening?.ja).toBe(
      '明日 9時から',
    );
    // A Monday holiday closes it too, and the year end still applies.
    expect(refused(check('2024-07-15T10:00', 'koseki-kojin', DEMO_SERVICE_HOURS)).nextOpening?.local).toBe(
      '2024-07-16T09:00:00',
    );
    expect(refused(check('2024-12-27T18:00', 'koseki-zenbu', DEMO_SERVICE_HOURS)).nextOpening?.local).toBe(
      '2025-01-06T09:00:00',
    );
    expect(check('2024-07-15T10:00', 'koseki-kojin', DEFAULT_SERVICE_HOURS).ok).toBe(true);
  });

  it('can give town-hall terminals their own hours', () => {
    const config: ServiceHoursConfig = {
      ...DEFAULT_SERVICE_HOURS,
      kioskTownHall: {
        windows: [{ days: [1, 2, 3, 4, 5, 6], open: '08:30', close: '20:00', onHolidays: false }],
        annualClosures: DEFAULT_SERVICE_HOURS.kiosk.annualClosures ?? [],
      },
    };
    const at = jst('2024-06-09T10:00'); // a Sunday
    expect(
      checkServiceHours({ channel: 'kiosk', kioskKind: 'town_hall', certificate: 'juminhyo', at, config }).ok,
    ).toBe(false);
    expect(
      checkServiceHours({ channel: 'kiosk', kioskKind: 'store', certificate: 'juminhyo', at, config }).ok,
    ).toBe(true);
  });
});

describe('counter hours', () => {
  const check = (local: string, config?: ServiceHoursConfig) =>
    checkServiceHours({
      channel: 'counter',
      certificate: 'juminhyo',
      at: jst(local),
      ...(config ? { config } : {}),
    });

  it('serve weekdays 8:30–17:15', () => {
    expect(check('2024-06-14T08:30').ok).toBe(true);
    expect(check('2024-06-14T17:14:59')).toMatchObject({
      ok: true,
      closesAt: { local: '2024-06-14T17:15:00' },
    });
    const friday = refused(check('2024-06-14T17:15'));
    expect(friday.nextOpening?.ja).toBe('6月17日 8時30分から');
    expect(friday.refusals[0]?.ja).toContain('8時30分～17時15分');
  });

  it('close on national holidays, naming the holiday', () => {
    const d = refused(check('2024-05-03T10:00'));
    expect(d.reason).toBe('holiday');
    expect(d.refusals[0]?.ja).toContain('憲法記念日');
    expect(d.nextOpening?.local).toBe('2024-05-07T08:30:00');
  });

  it('close over the year end', () => {
    expect(refused(check('2024-12-27T17:30')).nextOpening?.local).toBe('2025-01-06T08:30:00');
    expect(refused(check('2025-12-29T10:00')).reason).toBe('closed_period');
  });

  it('open on special days (休日開庁)', () => {
    const config: ServiceHoursConfig = {
      ...DEFAULT_SERVICE_HOURS,
      counter: {
        ...DEFAULT_SERVICE_HOURS.counter,
        specialOpenings: [{ date: '2025-03-30', open: '09:00', close: '12:00' }],
      },
    };
    expect(check('2025-03-30T09:30', config).ok).toBe(true);
    expect(refused(check('2025-03-29T10:00', config)).nextOpening?.ja).toBe('明日 9時から');
  });

  it('name the year for a reopening far ahead', () => {
    const config: ServiceHoursConfig = {
      ...DEFAULT_SERVICE_HOURS,
      counter: {
        ...DEFAULT_SERVICE_HOURS.counter,
        outages: [
          { from: '2024-06-01T00:00', to: '2025-01-10T00:00', reason: { ja: '庁舎改修', en: 'renovation' } },
        ],
      },
    };
    const d = refused(check('2024-06-03T10:00', config));
    expect(d.nextOpening?.ja).toBe('2025年1月10日 8時30分から');
    expect(d.nextOpening?.en).toBe('from 8:30 on 10 January 2025');
  });
});

describe('mail and online', () => {
  it('accept requests at any time', () => {
    for (const channel of ['mail', 'online'] as const) {
      for (const local of ['2024-01-01T03:00', '2024-12-31T23:59', '2024-05-03T12:00']) {
        expect(checkServiceHours({ channel, certificate: 'juminhyo', at: jst(local) })).toEqual({
          ok: true,
          closesAt: null,
        });
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Property: the decision agrees with the rules written as a clerk reads them,
// and the next opening is the first open moment after the request.

function openByTheBook(channel: Channel, certificate: CertificateType, at: Date): boolean {
  const local = toTokyoWallClock(at);
  const minutes = local.hour * 60 + local.minute;
  const md = local.date.slice(5);
  const yearEnd = md >= '12-29' || md <= '01-03';
  const weekday = local.weekday >= 1 && local.weekday <= 5;
  const holiday = nationalHolidayName(local.date) !== null;
  switch (channel) {
    case 'mail':
    case 'online':
      return true;
    case 'counter':
      return weekday && !holiday && !yearEnd && minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 15;
    case 'kiosk': {
      const kiosk = !yearEnd && minutes >= 6 * 60 + 30 && minutes < 23 * 60;
      const koseki = ['koseki-zenbu', 'koseki-kojin', 'fuhyo'].includes(certificate);
      return kiosk && (!koseki || (weekday && !holiday && minutes >= 9 * 60 && minutes < 17 * 60));
    }
  }
}

describe('any moment (property)', () => {
  it('is open exactly when the rules say, and reopens at the first open quarter-hour', () => {
    const QUARTER = 15 * 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2019, 0, 1) / 1000, max: Date.UTC(2030, 11, 31) / 1000 }),
        fc.constantFrom<Channel>('counter', 'kiosk', 'kiosk', 'mail'),
        fc.constantFrom<CertificateType>('juminhyo', 'koseki-zenbu', 'inkan'),
        (seconds, channel, certificate) => {
          const at = new Date(seconds * 1000);
          const d = checkServiceHours({ channel, certificate, at, config: DEMO_SERVICE_HOURS });
          expect(d.ok).toBe(openByTheBook(channel, certificate, at));
          // Every opening and closing time of these rules falls on a quarter-hour.
          let t = Math.floor(at.getTime() / QUARTER) * QUARTER + QUARTER;
          if (d.ok) {
            while (openByTheBook(channel, certificate, new Date(t)) && t - at.getTime() < 10 * 86_400_000)
              t += QUARTER;
            if (d.closesAt) expect(d.closesAt.instant.getTime()).toBe(t);
          } else {
            while (!openByTheBook(channel, certificate, new Date(t))) t += QUARTER;
            expect(d.nextOpening?.instant.getTime()).toBe(t);
            expect(d.refusals[0]?.ja).toMatch(/ご利用いただけます。$/);
            expect(d.refusals[0]?.en).toMatch(/Open again from \d{1,2}:\d{2} /);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
