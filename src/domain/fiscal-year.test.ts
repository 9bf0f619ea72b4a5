import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYearAt, fiscalYearOf, fiscalYearRange, formatFiscalYear } from './fiscal-year.js';

describe('年度 (fiscal year)', () => {
  it('starts on 1 April', () => {
    expect(fiscalYearOf('2024-03-31')).toBe(2023);
    expect(fiscalYearOf('2024-04-01')).toBe(2024);
    expect(fiscalYearOf('2025-01-01')).toBe(2024);
    expect(fiscalYearOf('2024-12-31')).toBe(2024);
    expect(() => fiscalYearOf('2024-04-31')).toThrow(RangeError);
  });

  it('reads an instant on the Tokyo wall clock', () => {
    // 2024-03-31T15:00Z is already 1 April in Tokyo: issue numbers restart then, not nine hours later.
    expect(fiscalYearAt(new Date('2024-03-31T14:59:59Z'))).toBe(2023);
    expect(fiscalYearAt(new Date('2024-03-31T15:00:00Z'))).toBe(2024);
    expect(() => fiscalYearAt(new Date('nonsense'))).toThrow(RangeError);
  });

  it('has a range and an era name', () => {
    expect(fiscalYearRange(2024)).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(formatFiscalYear(2024)).toBe('令和6年度');
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
    expect(formatFiscalYear(1988)).toBe('昭和63年度');
    expect(() => fiscalYearRange(2024.5)).toThrow(RangeError);
  });

  it('puts every day inside the range of its own fiscal year (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 }),
        (day) => {
          const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
          const fy = fiscalYearOf(date);
          const { from, to } = fiscalYearRange(fy);
          expect(from <= date && date <= to).toBe(true);
        },
      ),
    );
  });
});
