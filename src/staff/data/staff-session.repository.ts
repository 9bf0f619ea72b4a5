import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface NewStaffSession {
  municipalityCode: string;
  tokenSha256: string;
  staffId: string;
  terminalId: string;
  csrfSha256: string;
  secondFactor: boolean;
  now: Date;
  expiresAt: Date;
}

export async function insertStaffSession(db: Kysely<DB>, session: NewStaffSession): Promise<void> {
  await db
    .insertInto('staff_session')
    .values({
      municipality_code: session.municipalityCode,
      token_sha256: session.tokenSha256,
      staff_id: session.staffId,
      terminal_id: session.terminalId,
      csrf_sha256: session.csrfSha256,
      second_factor: session.secondFactor,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session and its account in one read: every staff request needs both. */
export async function findStaffSession(db: Kysely<DB>, municipalityCode: string, tokenSha256: string) {
  return db
    .selectFrom('staff_session as s')
    .innerJoin('staff_account as a', (join) =>
      join.onRef('a.municipality_code', '=', 's.municipality_code').onRef('a.staff_id', '=', 's.staff_id'),
    )
    .select([
      's.municipality_code',
      's.token_sha256',
      's.staff_id',
      's.terminal_id',
      's.csrf_sha256',
      's.second_factor',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'a.login_name',
      'a.display_name',
      'a.roles',
      'a.status',
      'a.must_change_password',
      'a.totp_secret_enc',
    ])
    .where('s.municipality_code', '=', municipalityCode)
    .where('s.token_sha256', '=', tokenSha256)
    .executeTakeFirst();
}

export async function touchStaffSession(
  db: Kysely<DB>,
  municipalityCode: string,
  tokenSha256: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('staff_session')
    .set({ last_seen_at: now })
    .where('municipality_code', '=', municipalityCode)
    .where('token_sha256', '=', tokenSha256)
    .where('last_seen_at', '<', now)
    .execute();
}

export async function markSecondFactorProven(db: Kysely<DB>, municipalityCode: string, tokenSha256: string) {
  await db
    .updateTable('staff_session')
    .set({ second_factor: true })
    .where('municipality_code', '=', municipalityCode)
    .where('token_sha256', '=', tokenSha256)
    .execute();
}

export async function revokeStaffSession(
  db: Kysely<DB>,
  municipalityCode: string,
  tokenSha256: string,
  now: Date,
  reason: string,
): Promise<boolean> {
  const row = await db
    .updateTable('staff_session')
    .set({ revoked_at: now, revoke_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('token_sha256', '=', tokenSha256)
    .where('revoked_at', 'is', null)
    .returning('token_sha256')
    .executeTakeFirst();
  return row !== undefined;
}

/** Ends every open session of a staff member, except optionally the one making the change. */
export async function revokeSessionsOfStaff(
  db: Kysely<DB>,
  municipalityCode: string,
  staffId: string,
  now: Date,
  reason: string,
  exceptTokenSha256?: string,
): Promise<number> {
  let query = db
    .updateTable('staff_session')
    .set({ revoked_at: now, revoke_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null);
  if (exceptTokenSha256) query = query.where('token_sha256', '<>', exceptTokenSha256);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
