import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, KioskStatus, KioskTable } from '../../db/schema.js';

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
 * Records a request nonce; false when the kiosk already used it (a replay).
 * Expired nonces of the same kiosk are dropped on the way: the table stays as
 * small as a few minutes of traffic.
 */
export async function recordKioskNonce(
  db: Kysely<DB>,
  kioskId: string,
  nonce: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  // One statement (one round trip, one commit when it runs alone): both parts see the
  // same snapshot, and the insert of a new nonce never conflicts with an expired one it
  // deletes, since a nonce is kept until its request would be stale anyway.
  const inserted = await db
    .with('expired', (q) =>
      q.deleteFrom('kiosk_request_nonce').where('kiosk_id', '=', kioskId).where('expires_at', '<', now),
    )
    .insertInto('kiosk_request_nonce')
    .values({ kiosk_id: kioskId, nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['kiosk_id', 'nonce']).doNothing())
    .returning(sql<number>`1`.as('ok'))
    .execute();
  return inserted.length === 1;
}
