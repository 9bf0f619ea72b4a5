/**
 * "Changes nothing", made checkable: a row count and an md5 over the rows of
 * every table that holds records. Tables that log attempts by design (the
 * audit trail — refusals are audited —, login and card attempts, nonces,
 * rate-limit buckets) are left out; everything else must be byte-identical.
 */

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export const LOG_TABLES = new Set([
  'audit_log',
  'audit_head',
  'kiosk_event',
  'kiosk_request_nonce',
  'card_auth_challenge',
  'card_auth_attempt',
  'rate_limit_bucket',
  'staff_login_attempt',
]);

/**
 * Columns that record activity rather than content: a staff session's
 * last_seen_at moves (at most once a minute) on every authenticated request, and
 * on a loaded machine the fuzzer's requests with a valid session span minutes.
 */
const ACTIVITY_COLUMNS: Record<string, string> = { staff_session: 'last_seen_at' };

export type Snapshot = Record<string, { rows: number; md5: string }>;

export async function snapshotRecords(db: Kysely<DB>): Promise<Snapshot> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const snapshot: Snapshot = {};
  for (const { table_name: table } of tables.rows) {
    if (LOG_TABLES.has(table) || table.startsWith('kysely_') || table === 'schema_migration') continue;
    const activity = ACTIVITY_COLUMNS[table];
    const text = activity ? sql`(to_jsonb(t) - ${activity}::text)::text` : sql`t::text`;
    const row = await sql<{ rows: number; md5: string | null }>`
      select count(*)::int as rows, md5(coalesce(string_agg(${text}, '|' order by ${text}), '')) as md5
      from ${sql.table(table)} t`.execute(db);
    snapshot[table] = { rows: row.rows[0]?.rows ?? 0, md5: row.rows[0]?.md5 ?? '' };
  }
  return snapshot;
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}
