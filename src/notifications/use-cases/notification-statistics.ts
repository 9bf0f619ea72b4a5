import { z } from 'zod';
import { parseInput } from '../../shared/validation.js';
import {
  AGE_GROUPS,
  averagePhases,
  countByAgeGroupPath,
  countByMonthKindPath,
} from '../data/notification-stats.repository.js';
import { NOTIFICATION_KINDS } from '../domain/draft-content.js';
import type { NotificationDeps, StaffActor } from './notification-deps.js';

const month = z.string().refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), {
  message: 'a month is YYYY-MM',
  params: { ja: '月は YYYY-MM の形で指定してください。' },
});

export const statisticsQuerySchema = z.strictObject({ from: month, to: month });

/** First instant of a Tokyo month, as UTC. */
function monthStart(ym: string): Date {
  return new Date(new Date(`${ym}-01T00:00:00Z`).getTime() - 9 * 3600_000);
}

function nextMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const rate = (digital: number, total: number) =>
  total === 0 ? null : Math.round((digital / total) * 10_000) / 10_000;

/**
 * The dashboard's figures for accepted notifications between two months
 * (inclusive): how many came through the phone (digital) against all, per
 * kind and month and per age group of the resident, and the average minutes of
 * each phase per path. Aggregates only: no person is identifiable.
 */
export async function notificationStatistics(deps: NotificationDeps, staff: StaffActor, query: unknown) {
  const { from, to } = parseInput(statisticsQuerySchema, query, 'query');
  const range = {
    municipalityCode: staff.municipalityCode,
    from: monthStart(from),
    to: monthStart(nextMonth(to)),
  };
  const [byMonth, byAge, phases] = await Promise.all([
    countByMonthKindPath(deps.db, range),
    countByAgeGroupPath(deps.db, range),
    averagePhases(deps.db, range),
  ]);
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  const usage = months.flatMap((m) =>
    NOTIFICATION_KINDS.map((kind) => {
      const rows = byMonth.filter((r) => r.month === m && r.kind === kind);
      const digital = rows.find((r) => r.path === 'digital')?.count ?? 0;
      const paper = rows.find((r) => r.path === 'paper')?.count ?? 0;
      return {
        month: m,
        kind,
        digital,
        paper,
        total: digital + paper,
        usageRate: rate(digital, digital + paper),
      };
    }),
  );
  const ageGroups = AGE_GROUPS.map((group) => {
    const digital = byAge.find((r) => r.ageGroup === group && r.path === 'digital')?.count ?? 0;
    const paper = byAge.find((r) => r.ageGroup === group && r.path === 'paper')?.count ?? 0;
    return {
      ageGroup: group,
      digital,
      paper,
      total: digital + paper,
      usageRate: rate(digital, digital + paper),
    };
  }).filter((g) => g.total > 0);
  const digitalTotal = usage.reduce((n, u) => n + u.digital, 0);
  const total = usage.reduce((n, u) => n + u.total, 0);
  return {
    municipalityCode: staff.municipalityCode,
    from,
    to,
    total,
    digital: digitalTotal,
    usageRate: rate(digitalTotal, total),
    usage,
    ageGroups,
    phases,
  };
}
