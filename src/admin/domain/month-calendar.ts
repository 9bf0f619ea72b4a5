/**
 * A month as an administrator checks it: per day, the national holiday and
 * the opening times of one channel (and certificate), computed by the same
 * rules the engine applies — so the screen shows what residents will meet.
 */
import type { CertificateType } from '../../domain/certificates.js';
import type { Channel, KioskKind } from '../../domain/channel-rules.js';
import {
  addDays,
  checkServiceHours,
  fromTokyoWallClock,
  nationalHolidayName,
  type ServiceHoursConfig,
  toTokyoWallClock,
  weekdayOf,
} from '../../domain/service-hours.js';

export interface CalendarDay {
  date: string;
  weekday: number;
  holiday: string | null;
  /** Opening intervals of the day, Tokyo wall clock; `24:00` when open past midnight. */
  open: { from: string; to: string }[];
}

function hhmm(at: Date, dayStart: Date): string {
  if (at.getTime() >= dayStart.getTime() + 86_400_000) return '24:00';
  const wall = toTokyoWallClock(at);
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

export function monthCalendar(input: {
  month: string;
  channel: Channel;
  certificate: CertificateType;
  kioskKind?: KioskKind;
  config: ServiceHoursConfig;
}): CalendarDay[] {
  const first = `${input.month}-01`;
  const days: CalendarDay[] = [];
  for (let date = first; date.startsWith(input.month); date = addDays(date, 1)) {
    const start = fromTokyoWallClock(`${date}T00:00`);
    const end = new Date(start.getTime() + 86_400_000);
    const open: { from: string; to: string }[] = [];
    let at = start;
    // A day has a handful of openings at most; the bound guards against a rule that never advances.
    for (let step = 0; step < 48 && at < end; step++) {
      const decision = checkServiceHours({
        channel: input.channel,
        certificate: input.certificate,
        at,
        ...(input.kioskKind ? { kioskKind: input.kioskKind } : {}),
        config: input.config,
      });
      if (decision.ok) {
        const closes = decision.closesAt?.instant ?? end;
        const to = closes < end ? closes : end;
        open.push({ from: hhmm(at, start), to: hhmm(to, start) });
        at = to;
      } else {
        const next = decision.nextOpening?.instant;
        if (!next || next >= end || next <= at) break;
        at = next;
      }
    }
    days.push({ date, weekday: weekdayOf(date), holiday: nationalHolidayName(date), open });
  }
  return days;
}
