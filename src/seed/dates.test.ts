import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn, dayFromIso, fiscalYearOf, isoFromDay, todayInJapan } from './dates.js';

describe('day numbers', () => {
  it('round-trips every day from 1870 to 2100 through ISO dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayFromIso('1870-01-01'), max: dayFromIso('2100-12-31') }), (day) => {
        expect(dayFromIso(isoFromDay(day))).toBe(day);
        expect(isoFromDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    expect(() => dayFromIso('2023-02-29')).toThrow(RangeError);
    expect(() => dayFromIso('2024-13-01')).toThrow(RangeError);
  });

  it('counts ages in completed years and moves 29 February to the 28th', () => {
    const birth = dayFromIso('2000-02-29');
    expect(ageOn(birth, dayFromIso('2001-02-28'))).toBe(0);
    expect(ageOn(birth, dayFromIso('2001-03-01'))).toBe(1);
    expect(isoFromDay(addYears(birth, 1))).toBe('2001-02-28');
    expect(isoFromDay(addYears(birth, 4))).toBe('2004-02-29');
  });

  it('knows the fiscal year and today in Japan', () => {
    expect(fiscalYearOf(dayFromIso('2025-03-31'))).toBe(2024);
    expect(fiscalYearOf(dayFromIso('2025-04-01'))).toBe(2025);
    expect(todayInJapan(new Date('2025-06-14T15:30:00Z'))).toBe('2025-06-15');
  });
});
