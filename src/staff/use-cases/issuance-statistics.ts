import { appendAudit } from '../../audit/index.js';
import { CERTIFICATE_TYPES } from '../../domain/certificates.js';
import { CHANNELS } from '../../domain/channel-rules.js';
import { AppError } from '../../shared/errors.js';
import { issuanceCells } from '../data/issuance-stats.repository.js';
import {
  EMPTY_CELL,
  isSmall,
  MINIMUM_CELL_COUNT,
  type PublishedCell,
  publishBreakdown,
  shown,
  withheld,
} from '../domain/small-cells.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';

export type StatsPeriod = 'day' | 'month';

export interface IssuanceStatisticsInput {
  /** YYYY-MM-DD, a day in Japan, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  period: StatsPeriod;
}

/** Longest ranges: a quarter by day (a readable table), five years by month. */
export const MAX_DAYS: Record<StatsPeriod, number> = { day: 92, month: 5 * 366 };

const DAY_MS = 86_400_000;
const startOfDay = (date: string) => new Date(`${date}T00:00:00+09:00`);

/** Every day or month of the range, as the breakdown's keys (zeros included). */
export function periodsOf(from: string, to: string, period: StatsPeriod): string[] {
  const out: string[] = [];
  if (period === 'day') {
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
      out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  }
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = to.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return out;
}

type Row<K extends string, N extends string> = { [P in N]: K } & PublishedCell;

export interface IssuanceStatistics {
  municipalityCode: string;
  from: string;
  to: string;
  period: StatsPeriod;
  /** Cells with fewer issuances (or people) than this are withheld (`suppressed`, shown "<3"). */
  minimumCount: number;
  total: PublishedCell;
  byCertificate: Row<string, 'certificate'>[];
  byChannel: Row<string, 'channel'>[];
  byPeriod: Row<string, 'period'>[];
}

/**
 * The 統計 role's numbers: issuances, copies and fees of the own municipality
 * per certificate kind, per channel and per day or month, over a date range.
 * Aggregates only — no name, id or address — with small cells withheld
 * (domain/small-cells.ts). Reading them is recorded in the audit trail with the
 * range, so repeated overlapping queries (which could be subtracted from each
 * other) can be seen later.
 */
export async function issuanceStatistics(
  deps: StaffDeps,
  operator: Operator,
  input: IssuanceStatisticsInput,
): Promise<IssuanceStatistics> {
  assertOperatorMay(operator, 'stats.read');
  const from = startOfDay(input.from);
  const to = new Date(startOfDay(input.to).getTime() + DAY_MS);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  if (days < 1)
    throw new AppError('invalid', 'stats_range_invalid', {
      ja: '終了日は開始日以降の日付にしてください。',
      en: 'The end date must not be before the start date.',
    });
  if (days > MAX_DAYS[input.period])
    throw new AppError(
      'invalid',
      'stats_range_too_long',
      input.period === 'day'
        ? {
            ja: `日ごとの集計は${MAX_DAYS.day}日までです。期間を短くするか、月ごとの集計にしてください。`,
            en: `Daily figures cover at most ${MAX_DAYS.day} days; shorten the range or choose monthly figures.`,
          }
        : {
            ja: '月ごとの集計は5年までです。期間を短くしてください。',
            en: 'Monthly figures cover at most five years; shorten the range.',
          },
      { extra: { maxDays: MAX_DAYS[input.period] } },
    );
  const range = { municipalityCode: operator.municipalityCode, from, to };
  return deps.db.transaction().execute(async (trx) => {
    const [total, byCertificate, byChannel, byPeriod] = [
      await issuanceCells(trx, range, 'total'),
      await issuanceCells(trx, range, 'certificate'),
      await issuanceCells(trx, range, 'channel'),
      await issuanceCells(trx, range, input.period),
    ];
    const whole = total.get('total') ?? EMPTY_CELL;
    const certificates = publishBreakdown(CERTIFICATE_TYPES, byCertificate, whole);
    const channels = publishBreakdown(CHANNELS, byChannel, whole);
    const periods = publishBreakdown(periodsOf(input.from, input.to, input.period), byPeriod, whole);
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'stats.read',
      details: { report: 'issuances', from: input.from, to: input.to, period: input.period },
    });
    const totalCell: PublishedCell = isSmall(whole) ? withheld('small') : shown(whole);
    return {
      municipalityCode: operator.municipalityCode,
      from: input.from,
      to: input.to,
      period: input.period,
      minimumCount: MINIMUM_CELL_COUNT,
      total: totalCell,
      byCertificate: certificates.rows.map(({ key, ...cell }) => ({ certificate: key, ...cell })),
      byChannel: channels.rows.map(({ key, ...cell }) => ({ channel: key, ...cell })),
      byPeriod: periods.rows.map(({ key, ...cell }) => ({ period: key, ...cell })),
    };
  });
}
