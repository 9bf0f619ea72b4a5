import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  DB,
  MailEventTable,
  MailItemTable,
  MailRemittanceTable,
  MailRequestStatus,
  MailRequestTable,
} from '../../../db/schema.js';

export type MailRequestRow = Selectable<MailRequestTable>;
export type MailItemRow = Selectable<MailItemTable>;
export type MailRemittanceRow = Selectable<MailRemittanceTable>;
export type MailEventRow = Selectable<MailEventTable>;

export async function insertMailRequest(db: Kysely<DB>, row: Insertable<MailRequestTable>) {
  const inserted = await db
    .insertInto('mail_request')
    .values(row)
    .onConflict((oc) => oc.columns(['municipality_code', 'idempotency_key']).doNothing())
    .returning('request_id')
    .execute();
  return inserted.length === 1;
}

export function findMailRequestByKey(db: Kysely<DB>, municipalityCode: string, key: string) {
  return db
    .selectFrom('mail_request')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function findMailRequest(db: Kysely<DB>, municipalityCode: string, requestId: string) {
  return db
    .selectFrom('mail_request')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

/** Locked until commit: one step of a request at a time, and the event numbers follow. */
export function lockMailRequest(trx: Kysely<DB>, municipalityCode: string, requestId: string) {
  return trx
    .selectFrom('mail_request')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateMailRequest(
  db: Kysely<DB>,
  municipalityCode: string,
  requestId: string,
  changes: Updateable<MailRequestTable>,
) {
  await db
    .updateTable('mail_request')
    .set(changes)
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .execute();
}

export function listMailRequests(
  db: Kysely<DB>,
  municipalityCode: string,
  filter: { status?: MailRequestStatus; limit: number },
) {
  let query = db
    .selectFrom('mail_request')
    .select([
      'request_id',
      'reference',
      'status',
      'received_on',
      'fee_total',
      'received_at',
      'checked_at',
      'issued_at',
      'posted_at',
      'returned_at',
    ])
    .where('municipality_code', '=', municipalityCode);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('received_at').limit(filter.limit).execute();
}

export async function insertMailItems(db: Kysely<DB>, rows: Insertable<MailItemTable>[]) {
  if (rows.length) await db.insertInto('mail_item').values(rows).execute();
}

export function listMailItems(db: Kysely<DB>, municipalityCode: string, requestId: string) {
  return db
    .selectFrom('mail_item')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .orderBy('item_no')
    .execute();
}

export async function updateMailItem(
  db: Kysely<DB>,
  key: { municipalityCode: string; requestId: string; itemNo: number },
  changes: Updateable<MailItemTable>,
) {
  await db
    .updateTable('mail_item')
    .set(changes)
    .where('municipality_code', '=', key.municipalityCode)
    .where('request_id', '=', key.requestId)
    .where('item_no', '=', key.itemNo)
    .execute();
}

export function listRemittances(db: Kysely<DB>, municipalityCode: string, requestId: string) {
  return db
    .selectFrom('mail_remittance')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
}

/** Call with the request locked, so the sequence cannot be taken twice. */
export async function insertRemittance(
  db: Kysely<DB>,
  row: Omit<Insertable<MailRemittanceTable>, 'seq'>,
): Promise<number> {
  const last = await db
    .selectFrom('mail_remittance')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('municipality_code', '=', row.municipality_code)
    .where('request_id', '=', row.request_id)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  await db
    .insertInto('mail_remittance')
    .values({ ...row, seq })
    .execute();
  return seq;
}

export function listMailEvents(db: Kysely<DB>, municipalityCode: string, requestId: string) {
  return db
    .selectFrom('mail_event')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
}

/** Call with the request locked. */
export async function appendMailEvent(db: Kysely<DB>, row: Omit<Insertable<MailEventTable>, 'seq'>) {
  const last = await db
    .selectFrom('mail_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('municipality_code', '=', row.municipality_code)
    .where('request_id', '=', row.request_id)
    .executeTakeFirst();
  await db
    .insertInto('mail_event')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}
