import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { LedgerLine } from '../../../issuance/domain/ledger.js';

export async function findKioskIssuance(db: Kysely<DB>, issuanceId: string) {
  return db
    .selectFrom('issuance')
    .selectAll()
    .where('issuance_id', '=', issuanceId)
    .where('channel', '=', 'kiosk')
    .executeTakeFirst();
}

/** The sale row of a kiosk issuance, created on first use (also after a crash right after commit). */
export async function lockSale(
  trx: Kysely<DB>,
  row: {
    municipalityCode: string;
    issuanceId: string;
    kioskId: string;
    amount: number;
    reprintUntil: Date;
    now: Date;
  },
) {
  await trx
    .insertInto('kiosk_sale')
    .values({
      municipality_code: row.municipalityCode,
      issuance_id: row.issuanceId,
      kiosk_id: row.kioskId,
      amount: row.amount,
      status: 'issued',
      reprint_until: row.reprintUntil,
      printed_at: null,
      refunded_at: null,
      refund_reason: null,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'issuance_id']).doNothing())
    .execute();
  return trx
    .selectFrom('kiosk_sale')
    .selectAll()
    .where('municipality_code', '=', row.municipalityCode)
    .where('issuance_id', '=', row.issuanceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateSale(
  trx: Kysely<DB>,
  key: { municipalityCode: string; issuanceId: string },
  changes: Partial<{
    status: 'issued' | 'printed' | 'print_failed' | 'refunded';
    print_attempts: number;
    printed_at: Date;
    refunded_at: Date;
    refund_reason: string;
    updated_at: Date;
  }>,
) {
  await trx
    .updateTable('kiosk_sale')
    .set(changes)
    .where('municipality_code', '=', key.municipalityCode)
    .where('issuance_id', '=', key.issuanceId)
    .execute();
}

export async function listLedgerLines(db: Kysely<DB>, municipalityCode: string, issuanceId: string) {
  return db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('issuance_id', '=', issuanceId)
    .orderBy('line_no')
    .execute();
}

/** Appends lines after the existing ones of the issuance. */
export async function appendLedgerLines(
  trx: Kysely<DB>,
  municipalityCode: string,
  issuanceId: string,
  firstLineNo: number,
  occurredAt: Date,
  lines: readonly LedgerLine[],
) {
  if (!lines.length) return;
  await trx
    .insertInto('ledger_entry')
    .values(
      lines.map((line, i) => ({
        municipality_code: municipalityCode,
        issuance_id: issuanceId,
        line_no: firstLineNo + i,
        account: line.account,
        debit: line.debit,
        credit: line.credit,
        occurred_at: occurredAt,
      })),
    )
    .execute();
}

export async function voidIssuance(trx: Kysely<DB>, municipalityCode: string, issuanceId: string) {
  await trx
    .updateTable('issuance')
    .set({ status: 'voided' })
    .where('municipality_code', '=', municipalityCode)
    .where('issuance_id', '=', issuanceId)
    .execute();
}
