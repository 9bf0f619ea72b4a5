import { describe, expect, it } from 'vitest';
import { defaultUsableFrom, tokyoDateOf } from './usable-from.js';

describe('default usable_from', () => {
  it('is the start of the fifth Japanese day after the application day', () => {
    // Tuesday 24 Nov 2026, 10:00 in Tokyo → Sunday 29 Nov, 00:00 in Tokyo.
    expect(defaultUsableFrom(new Date('2026-11-24T01:00:00Z')).toISOString()).toBe(
      '2026-11-28T15:00:00.000Z',
    );
  });

  it('counts the day in Japan, not in UTC', () => {
    // 23:30 UTC on 23 Nov is already 24 Nov 08:30 in Tokyo.
    expect(tokyoDateOf(defaultUsableFrom(new Date('2026-11-23T23:30:00Z')))).toBe('2026-11-29');
    // 14:59 UTC on 24 Nov is still 24 Nov (23:59) in Tokyo.
    expect(tokyoDateOf(defaultUsableFrom(new Date('2026-11-24T14:59:00Z')))).toBe('2026-11-29');
  });

  it('runs across month and year ends', () => {
    expect(tokyoDateOf(defaultUsableFrom(new Date('2026-12-29T03:00:00Z')))).toBe('2027-01-03');
    expect(tokyoDateOf(defaultUsableFrom(new Date('2028-02-26T03:00:00Z')))).toBe('2028-03-02');
    expect(tokyoDateOf(defaultUsableFrom(new Date('2026-11-24T01:00:00Z'), 0))).toBe('2026-11-24');
  });
});
