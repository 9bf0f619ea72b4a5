import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  CounterLineTable,
  CounterReceiptTable,
  CounterTransactionTable,
  DB,
} from '../../../db/schema.js';

export type TransactionRow = Selectable<CounterTransactionTable>;
export type LineRow = Selectable<CounterLineTable>;
export type ReceiptRow = Selectable<CounterReceiptTable>;

export async function insertTransaction(db: Kysely<DB>, row: Insertable<CounterTransactionTable>) {
  const inserted = await db
    .insertInto('counter_transaction')
    .values(row)
    .onConflict((oc) => oc.columns(['municipality_code', 'idempotency_key']).doNothing())
    .returning('transaction_id')
    .execute();
  return inserted.length === 1;
}

export function findTransactionByKey(db: Kysely<DB>, municipalityCode: string, key: string) {
  return db
    .selectFrom('counter_transaction')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function findTransaction(db: Kysely<DB>, municipalityCode: string, transactionId: string) {
  return db
    .selectFrom('counter_transaction')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
}

/** The transaction row locked until commit: lines, payment and receipt of one visit change one at a time. */
export function lockTransaction(trx: Kysely<DB>, municipalityCode: string, transactionId: string) {
  return trx
    .selectFrom('counter_transaction')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateTransaction(
  db: Kysely<DB>,
  municipalityCode: string,
  transactionId: string,
  changes: Updateable<CounterTransactionTable>,
) {
  await db
    .updateTable('counter_transaction')
    .set(changes)
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .execute();
}

export function listTransactions(
  db: Kysely<DB>,
  municipalityCode: string,
  filter: { clerkId?: string; status?: TransactionRow['status']; limit: number },
) {
  let query = db
    .selectFrom('counter_transaction')
    .select(['transaction_id', 'status', 'clerk_id', 'terminal_id', 'opened_at', 'paid_at'])
    .where('municipality_code', '=', municipalityCode);
  if (filter.clerkId) query = query.where('clerk_id', '=', filter.clerkId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('opened_at', 'desc').limit(filter.limit).execute();
}

/** Lines still part of the visit, in the order they were added. */
export function listLines(db: Kysely<DB>, municipalityCode: string, transactionId: string) {
  return db
    .selectFrom('counter_line')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .where('status', '!=', 'removed')
    .orderBy('line_no')
    .execute();
}

/** Call with the transaction locked: the next line number cannot be taken twice. */
export async function nextLineNo(db: Kysely<DB>, municipalityCode: string, transactionId: string) {
  const row = await db
    .selectFrom('counter_line')
    .select((eb) => eb.fn.max('line_no').as('last'))
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertLine(db: Kysely<DB>, row: Insertable<CounterLineTable>) {
  await db.insertInto('counter_line').values(row).execute();
}

export async function updateLine(
  db: Kysely<DB>,
  key: { municipalityCode: string; transactionId: string; lineNo: number },
  changes: Updateable<CounterLineTable>,
) {
  await db
    .updateTable('counter_line')
    .set(changes)
    .where('municipality_code', '=', key.municipalityCode)
    .where('transaction_id', '=', key.transactionId)
    .where('line_no', '=', key.lineNo)
    .execute();
}

export function findLine(db: Kysely<DB>, municipalityCode: string, transactionId: string, lineNo: number) {
  return db
    .selectFrom('counter_line')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .where('line_no', '=', lineNo)
    .executeTakeFirst();
}

export async function insertReceipt(db: Kysely<DB>, row: Insertable<CounterReceiptTable>) {
  await db.insertInto('counter_receipt').values(row).execute();
}

export function findReceipt(db: Kysely<DB>, municipalityCode: string, transactionId: string) {
  return db
    .selectFrom('counter_receipt')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
}

/** What the receipt prints beside each certificate: its number and how its fee was set. */
export function listIssuancesForReceipt(db: Kysely<DB>, municipalityCode: string, issuanceIds: string[]) {
  if (issuanceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('issuance')
    .select([
      'issuance_id',
      'certificate',
      'fiscal_year',
      'issue_number',
      'copies',
      'unit_fee',
      'total_fee',
      'fee_campaign_id',
      'exemption',
      'payment_method',
    ])
    .where('municipality_code', '=', municipalityCode)
    .where('issuance_id', 'in', issuanceIds)
    .execute();
}
