import { type Kysely, sql } from 'kysely';
import type { DB, DocumentCounterTable } from '../../../db/schema.js';

export type DocumentSeries = DocumentCounterTable['series'];

/**
 * The next number of a series (receipts, notices, mail references, letters)
 * in a municipality's fiscal year. The upsert locks the counter row until the
 * transaction ends, so numbers are gapless and never twice: a rolled-back
 * document gives its number back.
 */
export async function takeDocumentNumber(
  trx: Kysely<DB>,
  municipalityCode: string,
  series: DocumentSeries,
  fiscalYear: number,
): Promise<number> {
  const row = await trx
    .insertInto('document_counter')
    .values({ municipality_code: municipalityCode, series, fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['municipality_code', 'series', 'fiscal_year']).doUpdateSet({
        last_number: sql`document_counter.last_number + 1`,
      }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}
