import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, KioskStatus, KioskTable } from '../../db/schema.js';
import type { TokenBucketLimit } from '../domain/limits.js';
import { refilledTokens, refusedTake, type TakeResult } from './rate-limit.repository.js';

export function findKiosk(db: Kysely<DB>, kioskId: string) {
  return db.selectFrom('kiosk').selectAll().where('kiosk_id', '=', kioskId).executeTakeFirst();
}

/** false when the id is taken. */
export async function insertKiosk(db: Kysely<DB>, row: Insertable<KioskTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('kiosk')
    .values(row)
    .onConflict((oc) => oc.column('kiosk_id').doNothing())
    .returning('kiosk_id')
    .execute();
  return inserted.length === 1;
}

export function lockKiosk(db: Kysely<DB>, kioskId: string) {
  return db.selectFrom('kiosk').selectAll().where('kiosk_id', '=', kioskId).forUpdate().executeTakeFirst();
}

export async function updateKioskStatus(
  db: Kysely<DB>,
  kioskId: string,
  status: KioskStatus,
  reason: string | null,
  at: Date,
) {
  await db
    .updateTable('kiosk')
    .set({ status, status_reason: reason, status_changed_at: at })
    .where('kiosk_id', '=', kioskId)
    .execute();
}

/** Appends to the kiosk's history; call with the kiosk row locked so seq cannot collide. */
export async function appendKioskEvent(
  db: Kysely<DB>,
  event: {
    kioskId: string;
    at: Date;
    actor: string;
    action: 'registered' | 'status_changed';
    status: KioskStatus;
    reason: string | null;
  },
) {
  const last = await db
    .selectFrom('kiosk_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('kiosk_id', '=', event.kioskId)
    .executeTakeFirst();
  await db
    .insertInto('kiosk_event')
    .values({
      kiosk_id: event.kioskId,
      seq: Number(last?.seq ?? 0) + 1,
      occurred_at: event.at,
      actor: event.actor,
      action: event.action,
      status: event.status,
      reason: event.reason,
    })
    .execute();
}

export function listKioskEvents(db: Kysely<DB>, kioskId: string) {
  return db.selectFrom('kiosk_event').selectAll().where('kiosk_id', '=', kioskId).orderBy('seq').execute();
}

/**
 * Admits one signed kiosk request in a single statement: drops the kiosk's
 * expired nonces, records this nonce, and only if it is new takes a token from
 * the kiosk's bucket. A replay spends no rate; a request refused for its rate
 * still spends its nonce. One round trip and one commit, on every request.
 */
export async function admitKioskRequest(
  db: Kysely<DB>,
  request: { kioskId: string; nonce: string; nonceExpiresAt: Date; bucketKey: string },
  limit: TokenBucketLimit,
  now: Date,
): Promise<{ fresh: boolean; taken: TakeResult }> {
  const refilled = refilledTokens(limit, now);
  const result = await sql<{ fresh: number; taken: number }>`
    with expired as (
      delete from kiosk_request_nonce where kiosk_id = ${request.kioskId} and expires_at < ${now}::timestamptz
    ), fresh as (
      insert into kiosk_request_nonce (kiosk_id, nonce, expires_at)
      values (${request.kioskId}, ${request.nonce}, ${request.nonceExpiresAt}::timestamptz)
      on conflict (kiosk_id, nonce) do nothing
      returning 1 as ok
    ), taken as (
      insert into rate_limit_bucket as b (bucket_key, tokens, updated_at)
      select ${request.bucketKey}, ${limit.capacity - 1}::float8, ${now}::timestamptz from fresh
      on conflict (bucket_key) do update
        set tokens = ${refilled} - 1, updated_at = greatest(b.updated_at, ${now}::timestamptz)
        where ${refilled} >= 1
      returning 1 as ok
    )
    select (select count(*) from fresh)::int as fresh, (select count(*) from taken)::int as taken`.execute(
    db,
  );
  const row = result.rows[0];
  if (!row?.fresh) return { fresh: false, taken: { allowed: false, retryAfterSeconds: 0 } };
  if (row.taken) return { fresh: true, taken: { allowed: true, retryAfterSeconds: 0 } };
  return { fresh: true, taken: await refusedTake(db, request.bucketKey, limit, now) };
}
