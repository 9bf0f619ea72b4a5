import { type Insertable, type Kysely, sql } from 'kysely';
import type { CardAuthAttemptTable, CardSessionTable, CardStatus, DB } from '../../db/schema.js';

/**
 * Records a new challenge and, in the same statement, deletes those that
 * expired before `purgeBefore` (housekeeping that costs no extra round trip).
 */
export async function insertChallenge(
  db: Kysely<DB>,
  row: {
    challengeId: string;
    nonce: Buffer;
    kioskId: string;
    municipalityCode: string | null;
    certificateSha256: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
  purgeBefore: Date,
) {
  await db
    .with('purged', (qb) => qb.deleteFrom('card_auth_challenge').where('expires_at', '<', purgeBefore))
    .insertInto('card_auth_challenge')
    .values({
      challenge_id: row.challengeId,
      nonce: row.nonce,
      kiosk_id: row.kioskId,
      municipality_code: row.municipalityCode,
      certificate_sha256: row.certificateSha256,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/**
 * Marks the challenge used if it is this kiosk's, unused and unexpired — in one
 * statement, so two completions racing for it cannot both win.
 */
export function consumeChallenge(db: Kysely<DB>, challengeId: string, kioskId: string, now: Date) {
  return db
    .updateTable('card_auth_challenge')
    .set({ used_at: now })
    .where('challenge_id', '=', challengeId)
    .where('kiosk_id', '=', kioskId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export function findChallenge(db: Kysely<DB>, challengeId: string) {
  return db
    .selectFrom('card_auth_challenge')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .executeTakeFirst();
}

/** Challenges are worthless once expired; drop old ones so the table stays small. */
export async function insertAttempt(db: Kysely<DB>, row: Insertable<CardAuthAttemptTable>) {
  await db.insertInto('card_auth_attempt').values(row).execute();
}

export function listAttempts(db: Kysely<DB>, filter: { certificateSha256?: string; kioskId?: string }) {
  let query = db.selectFrom('card_auth_attempt').selectAll().orderBy('occurred_at').orderBy('attempt_id');
  if (filter.certificateSha256) query = query.where('certificate_sha256', '=', filter.certificateSha256);
  if (filter.kioskId) query = query.where('kiosk_id', '=', filter.kioskId);
  return query.execute();
}

/** The card a certificate belongs to, with its holder's registry status. */
export function lockCard(db: Kysely<DB>, municipalityCode: string, cardSerial: string) {
  return db
    .selectFrom('mynumber_card')
    .select(['municipality_code', 'card_serial', 'resident_id', 'certificate_pem', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('card_serial', '=', cardSerial)
    .forUpdate()
    .executeTakeFirst();
}

/** Moves a card from one status to another; false when it was not in `from`. */
export async function changeCardStatus(
  db: Kysely<DB>,
  municipalityCode: string,
  cardSerial: string,
  from: CardStatus,
  to: CardStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('mynumber_card')
    .set({ status: to })
    .where('municipality_code', '=', municipalityCode)
    .where('card_serial', '=', cardSerial)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSession(db: Kysely<DB>, row: Insertable<CardSessionTable>) {
  await db.insertInto('card_session').values(row).execute();
}

export function findSessionForUpdate(db: Kysely<DB>, municipalityCode: string, tokenSha256: string) {
  return db
    .selectFrom('card_session as s')
    .innerJoin('mynumber_card as c', (join) =>
      join
        .onRef('c.municipality_code', '=', 's.municipality_code')
        .onRef('c.card_serial', '=', 's.card_serial'),
    )
    .select([
      's.municipality_code',
      's.token_sha256',
      's.kiosk_id',
      's.card_serial',
      's.resident_id',
      's.idle_expires_at',
      's.absolute_expires_at',
      's.ended_at',
      'c.status as card_status',
    ])
    .where('s.municipality_code', '=', municipalityCode)
    .where('s.token_sha256', '=', tokenSha256)
    .forUpdate('s')
    .executeTakeFirst();
}

/**
 * The common case of using a card session, in one statement: at this kiosk,
 * not ended, the card still active, inside both deadlines — then the idle
 * deadline moves to `idleUntil`, never past the absolute one. Undefined when
 * any condition fails; the caller then finds out which, under a lock.
 */
export async function spendLiveSession(
  db: Kysely<DB>,
  session: { municipalityCode: string; tokenSha256: string; kioskId: string },
  now: Date,
  idleUntil: Date,
) {
  const result = await sql<{
    municipality_code: string;
    resident_id: number;
    card_serial: string;
    kiosk_id: string;
    idle_expires_at: Date;
  }>`
    update card_session as s
    set last_used_at = ${now}::timestamptz,
        idle_expires_at = least(${idleUntil}::timestamptz, s.absolute_expires_at)
    from mynumber_card as c
    where s.municipality_code = ${session.municipalityCode}
      and s.token_sha256 = ${session.tokenSha256}
      and s.kiosk_id = ${session.kioskId}
      and s.ended_at is null
      and s.idle_expires_at > ${now}::timestamptz
      and s.absolute_expires_at > ${now}::timestamptz
      and c.municipality_code = s.municipality_code
      and c.card_serial = s.card_serial
      and c.status = 'active'
    returning s.municipality_code, s.resident_id, s.card_serial, s.kiosk_id, s.idle_expires_at`.execute(db);
  return result.rows[0];
}

export async function touchSession(
  db: Kysely<DB>,
  municipalityCode: string,
  tokenSha256: string,
  now: Date,
  idleExpiresAt: Date,
) {
  await db
    .updateTable('card_session')
    .set({ last_used_at: now, idle_expires_at: idleExpiresAt })
    .where('municipality_code', '=', municipalityCode)
    .where('token_sha256', '=', tokenSha256)
    .execute();
}

export async function endSession(
  db: Kysely<DB>,
  municipalityCode: string,
  tokenSha256: string,
  now: Date,
  reason: string,
): Promise<boolean> {
  const result = await db
    .updateTable('card_session')
    .set({ ended_at: now, end_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('token_sha256', '=', tokenSha256)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every open session of a card (PIN lock reported, card status changed). */
export async function endCardSessions(
  db: Kysely<DB>,
  municipalityCode: string,
  cardSerial: string,
  now: Date,
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('card_session')
    .set({ ended_at: now, end_reason: reason })
    .where('municipality_code', '=', municipalityCode)
    .where('card_serial', '=', cardSerial)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every open session at a kiosk (taken out of service). */
export async function endKioskSessions(db: Kysely<DB>, kioskId: string, now: Date, reason: string) {
  const result = await db
    .updateTable('card_session')
    .set({ ended_at: now, end_reason: reason })
    .where('kiosk_id', '=', kioskId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Certificate serials of every card the registry marks revoked (the demo CA's CRL). */
export async function listRevokedCardCertificateSerials(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('mynumber_card')
    .select('certificate_serial')
    .where('status', '=', 'revoked')
    .orderBy('certificate_serial')
    .execute();
  return rows.map((r) => r.certificate_serial);
}

export function findNewestCardOfResident(db: Kysely<DB>, municipalityCode: string, residentId: number) {
  return db
    .selectFrom('mynumber_card')
    .select(['card_serial', 'certificate_pem', 'status'])
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .orderBy('issued_on', 'desc')
    .orderBy('card_serial', 'desc')
    .executeTakeFirst();
}
