import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, StaffAccountTable } from '../../db/schema.js';

export type StaffAccountRow = Selectable<StaffAccountTable>;

export async function municipalityExists(db: Kysely<DB>, municipalityCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('municipality')
    .select('code')
    .where('code', '=', municipalityCode)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findStaffByLogin(
  db: Kysely<DB>,
  municipalityCode: string,
  loginName: string,
): Promise<StaffAccountRow | undefined> {
  return db
    .selectFrom('staff_account')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('login_name', '=', loginName)
    .executeTakeFirst();
}

export async function findStaff(
  db: Kysely<DB>,
  municipalityCode: string,
  staffId: string,
  options: { forUpdate?: boolean } = {},
): Promise<StaffAccountRow | undefined> {
  // A malformed id is simply not found (the column is uuid; PostgreSQL would raise).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(staffId)) return undefined;
  let query = db
    .selectFrom('staff_account')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', '=', staffId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listStaff(db: Kysely<DB>, municipalityCode: string): Promise<StaffAccountRow[]> {
  return db
    .selectFrom('staff_account')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('login_name')
    .execute();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Display names of the municipality's staff among `staffIds` (other towns' and malformed ids are left out). */
export async function staffDisplayNames(
  db: Kysely<DB>,
  municipalityCode: string,
  staffIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(staffIds)].filter((id) => UUID.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_account')
    .select(['staff_id', 'display_name'])
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.staff_id, row.display_name]));
}

export interface NewStaffRow {
  municipality_code: string;
  staff_id: string;
  login_name: string;
  display_name: string;
  password_hash: string;
  password_salt: string;
  password_params: { N: number; r: number; p: number; keyLength: number };
  totp_secret_enc: string | null;
  roles: string[];
  must_change_password: boolean;
  now: Date;
}

/** Inserts an account; false when the login name is taken in that municipality. */
export async function insertStaff(db: Kysely<DB>, row: NewStaffRow): Promise<boolean> {
  const inserted = await db
    .insertInto('staff_account')
    .values({
      municipality_code: row.municipality_code,
      staff_id: row.staff_id,
      login_name: row.login_name,
      display_name: row.display_name,
      password_hash: row.password_hash,
      password_salt: row.password_salt,
      password_params: JSON.stringify(row.password_params),
      totp_secret_enc: row.totp_secret_enc,
      totp_pending_enc: null,
      totp_last_step: null,
      roles: row.roles,
      must_change_password: row.must_change_password,
      password_changed_at: row.now,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'login_name']).doNothing())
    .returning('staff_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateStaff(
  db: Kysely<DB>,
  municipalityCode: string,
  staffId: string,
  patch: Updateable<StaffAccountTable>,
): Promise<void> {
  await db
    .updateTable('staff_account')
    .set(patch)
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', '=', staffId)
    .execute();
}

/**
 * Counts one failed login in a single statement, so that concurrent wrong
 * guesses cannot slip past the threshold. A lock that has run out starts the
 * count afresh; the attempt that reaches the threshold sets the lock.
 */
export async function recordFailedLogin(
  db: Kysely<DB>,
  municipalityCode: string,
  staffId: string,
  now: Date,
  lockAfter: number,
  lockUntil: Date,
): Promise<{ failedAttempts: number; lockedNow: boolean }> {
  const expired = sql<boolean>`(status = 'locked' and locked_until <= ${now}::timestamptz)`;
  const count = sql<number>`(case when ${expired} then 0 else failed_attempts end) + 1`;
  const row = await db
    .updateTable('staff_account')
    .set({
      failed_attempts: count,
      status: sql`case when status = 'disabled' then status
                       when ${count} >= ${lockAfter} then 'locked'
                       when ${expired} then 'active' else status end`,
      locked_until: sql`case when status <> 'disabled' and ${count} >= ${lockAfter}
                            then ${lockUntil}::timestamptz
                            when ${expired} then null else locked_until end`,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', '=', staffId)
    // A locked account's extra failures do not push the lock further: that would let
    // anyone who knows a login name keep its owner out for ever.
    .where(sql<boolean>`not (status = 'locked' and locked_until > ${now}::timestamptz)`)
    .returning(['failed_attempts', 'status', 'locked_until'])
    .executeTakeFirst();
  if (!row) return { failedAttempts: lockAfter, lockedNow: false };
  return {
    failedAttempts: row.failed_attempts,
    lockedNow: row.status === 'locked' && row.failed_attempts === lockAfter,
  };
}

/**
 * Spends a TOTP step: succeeds only if no code of this step or a later one has
 * been accepted before. Two logins racing with the same code: one wins.
 */
export async function claimTotpStep(
  db: Kysely<DB>,
  municipalityCode: string,
  staffId: string,
  step: number,
): Promise<boolean> {
  const row = await db
    .updateTable('staff_account')
    .set({ totp_last_step: step })
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('staff_id')
    .executeTakeFirst();
  return row !== undefined;
}
