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

/** What a kiosk request needs of the kiosk row once its signature is verified. */
export interface AdmittedKioskRow {
  kiosk_id: string;
  kind: KioskTable['kind'];
  operator_municipality_code: string | null;
  operator_name: string;
  prefecture: string;
  in_city: boolean;
  status: KioskStatus;
  status_reason: string | null;
}

export type KioskAdmission =
  /** No kiosk with this id holds this key (unknown, or its key was replaced): nothing was spent. */
  | { kiosk: undefined }
  /** The kiosk is out of service: nothing was spent. */
  | { kiosk: AdmittedKioskRow; inService: false }
  | { kiosk: AdmittedKioskRow; inService: true; fresh: boolean; taken: TakeResult };

/**
 * Admits one kiosk request whose signature was verified with `publicKeyPem`,
 * in a single statement: it reads the kiosk only if it still holds that key,
 * and only if it is in service drops its expired nonces, records this nonce,
 * and if the nonce is new takes a token from the kiosk's bucket. A replay
 * spends no rate; a request refused for its rate still spends its nonce. One
 * round trip and one commit, on every request.
 */
export async function admitKioskRequest(
  db: Kysely<DB>,
  request: { kioskId: string; publicKeyPem: string; nonce: string; nonceExpiresAt: Date; bucketKey: string },
  limit: TokenBucketLimit,
  now: Date,
): Promise<KioskAdmission> {
  const refilled = refilledTokens(limit, now);
  const result = await sql<AdmittedKioskRow & { fresh: number; taken: number }>`
    with k as (
      select kiosk_id, kind, operator_municipality_code, operator_name, prefecture, in_city, status, status_reason
      from kiosk where kiosk_id = ${request.kioskId} and public_key_pem = ${request.publicKeyPem}
    ), serving as (
      select kiosk_id from k where status = 'in_service'
    ), expired as (
      delete from kiosk_request_nonce
      where kiosk_id = (select kiosk_id from serving) and expires_at < ${now}::timestamptz
    ), fresh as (
      insert into kiosk_request_nonce (kiosk_id, nonce, expires_at)
      select kiosk_id, ${request.nonce}, ${request.nonceExpiresAt}::timestamptz from serving
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
    select k.*, (select count(*) from fresh)::int as fresh, (select count(*) from taken)::int as taken
    from k`.execute(db);
  const row = result.rows[0];
  if (!row) return { kiosk: undefined };
  const { fresh, taken, ...kiosk } = row;
  if (kiosk.status !== 'in_service') return { kiosk, inService: false };
  if (!fresh)
    return { kiosk, inService: true, fresh: false, taken: { allowed: false, retryAfterSeconds: 0 } };
  if (taken) return { kiosk, inService: true, fresh: true, taken: { allowed: true, retryAfterSeconds: 0 } };
  return {
    kiosk,
    inService: true,
    fresh: true,
    taken: await refusedTake(db, request.bucketKey, limit, now),
  };
}
