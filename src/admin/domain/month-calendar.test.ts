import { describe, expect, it } from 'vitest';
import { DEMO_SERVICE_HOURS } from '../../domain/service-hours.js';
import { monthCalendar } from './month-calendar.js';

describe('month calendar', () => {
  it('shows the counter on weekdays 8:30–17:15, closed on holidays and the year end', () => {
    const days = monthCalendar({
      month: '2026-01',
      channel: 'counter',
      certificate: 'juminhyo',
      config: DEMO_SERVICE_HOURS,
    });
    expect(days).toHaveLength(31);
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-01-02')!.open).toEqual([]); // 年末年始
    expect(byDate.get('2026-01-05')!.open).toEqual([{ from: '08:30', to: '17:15' }]);
    expect(byDate.get('2026-01-10')!.open).toEqual([]); // Saturday
    expect(byDate.get('2026-01-12')!.holiday).toBe('成人の日');
    expect(byDate.get('2026-01-12')!.open).toEqual([]);
  });

  it('shows 24-hour channels as one interval to midnight, and a special opening on a Sunday', () => {
    const online = monthCalendar({
      month: '2026-03',
      channel: 'online',
      certificate: 'juminhyo',
      config: DEMO_SERVICE_HOURS,
    });
    expect(online[0]!.open).toEqual([{ from: '00:00', to: '24:00' }]);
    const special = monthCalendar({
      month: '2026-03',
      channel: 'counter',
      certificate: 'juminhyo',
      config: {
        ...DEMO_SERVICE_HOURS,
        counter: {
          ...DEMO_SERVICE_HOURS.counter,
          specialOpenings: [{ date: '2026-03-29', open: '09:00', close: '12:00' }],
        },
      },
    });
    expect(special.find((d) => d.date === '2026-03-29')!.open).toEqual([{ from: '09:00', to: '12:00' }]);
  });

  it('splits a day around a maintenance window and narrows 戸籍 at kiosks to weekdays 9–17', () => {
    const days = monthCalendar({
      month: '2026-02',
      channel: 'kiosk',
      certificate: 'koseki-zenbu',
      kioskKind: 'store',
      config: {
        ...DEMO_SERVICE_HOURS,
        kiosk: {
          ...DEMO_SERVICE_HOURS.kiosk,
          outages: [
            { from: '2026-02-03T12:00', to: '2026-02-03T13:00', reason: { ja: '保守', en: 'maintenance' } },
          ],
        },
      },
    });
    const feb3 = days.find((d) => d.date === '2026-02-03')!;
    expect(feb3.open).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(days.find((d) => d.date === '2026-02-07')!.open).toEqual([]); // Saturday: no 戸籍 at kiosks
  });
});
