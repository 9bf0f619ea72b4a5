import { describe, expect, it } from 'vitest';
import { addDays, checkMoveDate, moveDateWindow } from './move-dates.js';

const today = '2026-11-24';

describe('moving notification periods', () => {
  it('転入 and 転居: on or after the move, within 14 days, at acceptance', () => {
    for (const kind of ['tennyu', 'tenkyo'] as const) {
      expect(moveDateWindow(kind, today, 'accept', 7)).toEqual({ earliest: '2026-11-10', latest: today });
      expect(checkMoveDate(kind, '2026-11-10', today, 'accept', 7)).toBeUndefined();
      expect(checkMoveDate(kind, '2026-11-09', today, 'accept', 7)?.en).toMatch(/14 days/);
      expect(checkMoveDate(kind, '2026-11-25', today, 'accept', 7)?.en).toMatch(/once you live/);
    }
  });

  it('転出: from 14 days before the planned date to 14 days after the move', () => {
    expect(checkMoveDate('tenshutsu', '2026-12-08', today, 'accept', 7)).toBeUndefined();
    expect(checkMoveDate('tenshutsu', '2026-12-09', today, 'accept', 7)?.en).toMatch(/14 days before/);
    expect(checkMoveDate('tenshutsu', '2026-11-10', today, 'accept', 7)).toBeUndefined();
    expect(checkMoveDate('tenshutsu', '2026-11-09', today, 'accept', 7)?.ja).toMatch(/14日/);
  });

  it('a draft may be prepared before the move, by at most its lifetime', () => {
    expect(checkMoveDate('tennyu', '2026-12-01', today, 'draft', 7)).toBeUndefined();
    expect(checkMoveDate('tennyu', '2026-12-02', today, 'draft', 7)?.en).toMatch(/expire/);
    expect(checkMoveDate('tenshutsu', '2026-12-15', today, 'draft', 7)).toBeUndefined();
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
