/**
 * Aggregates of accepted notifications for the dashboard. Months are taken on
 * the Tokyo wall clock (UTC+9, no daylight saving), computed by adding nine
 * hours to UTC so PGlite and PostgreSQL agree without time-zone data.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface StatsRange {
  municipalityCode: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

const tokyoMonth = sql<string>`to_char((finished_at at time zone 'UTC') + interval '9 hours', 'YYYY-MM')`;

export const AGE_GROUPS = ['0-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70+', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

const ageGroup = sql<AgeGroup>`case
  when notifier_age is null then 'unknown'
  when notifier_age < 20 then '0-19'
  when notifier_age < 30 then '20-29'
  when notifier_age < 40 then '30-39'
  when notifier_age < 50 then '40-49'
  when notifier_age < 60 then '50-59'
  when notifier_age < 70 then '60-69'
  else '70+' end`;

const minutes = (later: string, earlier: string) =>
  sql<number | null>`avg(extract(epoch from (${sql.ref(later)} - ${sql.ref(earlier)}))) / 60`;

function accepted(db: Kysely<DB>, range: StatsRange) {
  return db
    .selectFrom('notification')
    .where('municipality_code', '=', range.municipalityCode)
    .where('status', '=', 'accepted')
    .where('finished_at', '>=', range.from)
    .where('finished_at', '<', range.to);
}

export async function countByMonthKindPath(db: Kysely<DB>, range: StatsRange) {
  const rows = await accepted(db, range)
    .select([tokyoMonth.as('month'), 'kind', 'path', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([tokyoMonth, 'kind', 'path'])
    .orderBy(tokyoMonth)
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ month: r.month, kind: r.kind, path: r.path, count: Number(r.n) }));
}

export async function countByAgeGroupPath(db: Kysely<DB>, range: StatsRange) {
  const rows = await accepted(db, range)
    .select([ageGroup.as('age_group'), 'path', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([ageGroup, 'path'])
    .execute();
  return rows.map((r) => ({ ageGroup: r.age_group, path: r.path, count: Number(r.n) }));
}

/** Average minutes between the recorded moments, per path and kind. */
export async function averagePhases(db: Kysely<DB>, range: StatsRange) {
  const rows = await accepted(db, range)
    .select([
      'path',
      'kind',
      (eb) => eb.fn.countAll<number>().as('n'),
      minutes('entered_at', 'received_at').as('entry'),
      minutes('reviewed_at', 'entered_at').as('review'),
      minutes('finished_at', 'reviewed_at').as('finish'),
      minutes('finished_at', 'entered_at').as('counter'),
      sql<number>`avg(clerk_edits)`.as('clerk_edits'),
    ])
    .groupBy(['path', 'kind'])
    .orderBy('path')
    .orderBy('kind')
    .execute();
  const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
  return rows.map((r) => ({
    path: r.path,
    kind: r.kind,
    count: Number(r.n),
    entryMinutes: round(r.entry),
    reviewMinutes: round(r.review),
    finishMinutes: round(r.finish),
    counterMinutes: round(r.counter),
    clerkEdits: round(r.clerk_edits),
  }));
}
