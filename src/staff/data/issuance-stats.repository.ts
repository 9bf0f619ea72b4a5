import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RawCell } from '../domain/small-cells.js';

/** The dimension of a breakdown: each certificate kind, each channel, each day or month (Japan time). */
export type StatsDimension = 'certificate' | 'channel' | 'day' | 'month' | 'total';

export interface StatsRange {
  municipalityCode: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Japan has no summer time: the wall-clock date is UTC + 9 hours. */
const jst = sql`(issued_at at time zone 'UTC' + interval '9 hours')`;

function keyOf(dimension: StatsDimension) {
  switch (dimension) {
    case 'certificate':
      return sql<string>`certificate`;
    case 'channel':
      return sql<string>`channel`;
    case 'day':
      return sql<string>`to_char(${jst}, 'YYYY-MM-DD')`;
    case 'month':
      return sql<string>`to_char(${jst}, 'YYYY-MM')`;
    case 'total':
      return sql<string>`'total'`;
  }
}

/**
 * Counts, copies, fees and distinct people of the municipality's issued (not
 * voided) certificates in the range, grouped by one dimension. Aggregates only:
 * no row of a person leaves the database.
 */
export async function issuanceCells(
  db: Kysely<DB>,
  range: StatsRange,
  dimension: StatsDimension,
): Promise<Map<string, RawCell>> {
  const key = keyOf(dimension);
  const query = db
    .selectFrom('issuance')
    .select([
      key.as('key'),
      sql<string>`count(*)`.as('count'),
      sql<string>`coalesce(sum(copies), 0)`.as('copies'),
      sql<string>`coalesce(sum(total_fee), 0)`.as('fees'),
      // A person, or a register for 戸籍 certificates: "about whom" the certificate was.
      sql<string>`count(distinct coalesce('r' || subject_resident_id::text, 'k' || subject_koseki_id::text))`.as(
        'people',
      ),
    ])
    .where('municipality_code', '=', range.municipalityCode)
    .where('status', '=', 'issued')
    .where('issued_at', '>=', range.from)
    .where('issued_at', '<', range.to);
  // PostgreSQL refuses a constant in GROUP BY: the total is the ungrouped aggregate.
  const rows = await (dimension === 'total' ? query : query.groupBy(key)).execute();
  return new Map(
    rows.map((row) => [
      row.key,
      {
        count: Number(row.count),
        copies: Number(row.copies),
        fees: Number(row.fees),
        people: Number(row.people),
      },
    ]),
  );
}
