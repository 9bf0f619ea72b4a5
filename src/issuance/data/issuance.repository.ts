import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, IssuanceTable } from '../../db/schema.js';
import type { LedgerLine } from '../domain/ledger.js';

/**
 * The next issue number of a municipality's fiscal year. The upsert takes a
 * row lock held until the transaction ends, so concurrent issuances queue
 * here and a rolled-back issuance gives its number back: no gaps, no twins.
 */
export async function takeIssueNumber(
  trx: Kysely<DB>,
  municipalityCode: string,
  fiscalYear: number,
): Promise<number> {
  const row = await trx
    .insertInto('issue_counter')
    .values({ municipality_code: municipalityCode, fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['municipality_code', 'fiscal_year']).doUpdateSet({
        last_number: sql`issue_counter.last_number + 1`,
      }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/**
 * The issuance and its ledger lines in one statement (one round trip while the
 * municipality's number is locked); the lines' foreign key sees the issuance.
 */
export async function insertIssuanceWithLedger(
  trx: Kysely<DB>,
  row: Insertable<IssuanceTable>,
  lines: readonly LedgerLine[],
) {
  const issuance = trx.insertInto('issuance').values(row);
  if (lines.length === 0) {
    await issuance.execute();
    return;
  }
  await trx
    .with('issued', () => issuance)
    .insertInto('ledger_entry')
    .values(
      lines.map((line, i) => ({
        municipality_code: row.municipality_code,
        issuance_id: row.issuance_id,
        line_no: i + 1,
        account: line.account,
        debit: line.debit,
        credit: line.credit,
        occurred_at: row.issued_at,
      })),
    )
    .execute();
}

export async function findIssuanceByIdempotencyKey(db: Kysely<DB>, municipalityCode: string, key: string) {
  return db
    .selectFrom('issuance')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function findIssuanceByVerificationCode(db: Kysely<DB>, code: string) {
  return db
    .selectFrom('issuance')
    .innerJoin('municipality', 'municipality.code', 'issuance.municipality_code')
    .selectAll('issuance')
    .select(['municipality.name as municipality_name', 'municipality.prefecture'])
    .where('verification_code', '=', code)
    .executeTakeFirst();
}

export async function findIssuance(db: Kysely<DB>, municipalityCode: string, issuanceId: string) {
  return db
    .selectFrom('issuance')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .where('issuance_id', '=', issuanceId)
    .executeTakeFirst();
}

/** Sum of debits minus credits per municipality: zero when the ledger balances. */
export async function ledgerImbalance(db: Kysely<DB>, municipalityCode: string) {
  const row = await db
    .selectFrom('ledger_entry')
    .select([
      sql<number>`coalesce(sum(debit), 0)::int8`.as('debits'),
      sql<number>`coalesce(sum(credit), 0)::int8`.as('credits'),
    ])
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  return {
    debits: Number(row.debits),
    credits: Number(row.credits),
    imbalance: Number(row.debits) - Number(row.credits),
  };
}

export async function listIssueNumbers(db: Kysely<DB>, municipalityCode: string, fiscalYear: number) {
  const rows = await db
    .selectFrom('issuance')
    .select('issue_number')
    .where('municipality_code', '=', municipalityCode)
    .where('fiscal_year', '=', fiscalYear)
    .orderBy('issue_number')
    .execute();
  return rows.map((r) => r.issue_number);
}

export async function findIssuanceByContentHash(db: Kysely<DB>, sha256: string) {
  return db
    .selectFrom('issuance')
    .innerJoin('municipality', 'municipality.code', 'issuance.municipality_code')
    .selectAll('issuance')
    .select(['municipality.name as municipality_name', 'municipality.prefecture'])
    .where('content_sha256', '=', sha256)
    .executeTakeFirst();
}
