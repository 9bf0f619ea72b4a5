import type { Insertable, Kysely } from 'kysely';
import type { DB, JpkiTrustedCaTable } from '../../db/schema.js';

export function listActiveTrustedCas(db: Kysely<DB>) {
  return db.selectFrom('jpki_trusted_ca').selectAll().where('active', '=', true).orderBy('ca_id').execute();
}

export function listTrustedCas(db: Kysely<DB>) {
  return db.selectFrom('jpki_trusted_ca').selectAll().orderBy('added_at').execute();
}

/** Adds a CA, or re-activates it when the same certificate is added again. */
export async function upsertTrustedCa(db: Kysely<DB>, row: Insertable<JpkiTrustedCaTable>) {
  await db
    .insertInto('jpki_trusted_ca')
    .values(row)
    .onConflict((oc) => oc.column('ca_id').doUpdateSet({ active: true }))
    .execute();
}

export async function setTrustedCaActive(db: Kysely<DB>, caId: string, active: boolean) {
  const result = await db
    .updateTable('jpki_trusted_ca')
    .set({ active })
    .where('ca_id', '=', caId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** CRL dates on every certificate of the CA's key (a re-created demo CA certificate shares them). */
export async function setCrlDates(
  db: Kysely<DB>,
  caKeySha256: string,
  thisUpdate: Date,
  nextUpdate: Date | null,
) {
  await db
    .updateTable('jpki_trusted_ca')
    .set({ crl_this_update: thisUpdate, crl_next_update: nextUpdate })
    .where('key_sha256', '=', caKeySha256)
    // An older CRL imported late adds its entries but does not move the dates back.
    .where((eb) => eb.or([eb('crl_this_update', 'is', null), eb('crl_this_update', '<', thisUpdate)]))
    .execute();
}

/** Inserts CRL entries not yet known; returns how many were new. */
export async function insertRevokedCertificates(
  db: Kysely<DB>,
  caKeySha256: string,
  entries: ReadonlyArray<{ serial: string; revokedAt: Date; reason: string | null }>,
  importedAt: Date,
): Promise<number> {
  let added = 0;
  // Batches keep each statement's parameter count well under PostgreSQL's limit.
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map((e) => ({
      ca_key_sha256: caKeySha256,
      certificate_serial: e.serial,
      revoked_at: e.revokedAt,
      reason: e.reason,
      imported_at: importedAt,
    }));
    const inserted = await db
      .insertInto('jpki_revoked_certificate')
      .values(rows)
      .onConflict((oc) => oc.columns(['ca_key_sha256', 'certificate_serial']).doNothing())
      .returning('certificate_serial')
      .execute();
    added += inserted.length;
  }
  return added;
}

export function findRevocation(db: Kysely<DB>, caKeySha256: string, serial: string) {
  return db
    .selectFrom('jpki_revoked_certificate')
    .select(['revoked_at', 'reason'])
    .where('ca_key_sha256', '=', caKeySha256)
    .where('certificate_serial', '=', serial)
    .executeTakeFirst();
}

export async function countRevocations(db: Kysely<DB>, caKeySha256: string): Promise<number> {
  const row = await db
    .selectFrom('jpki_revoked_certificate')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ca_key_sha256', '=', caKeySha256)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findActiveTrustedCaByKey(db: Kysely<DB>, keySha256: string) {
  return db
    .selectFrom('jpki_trusted_ca')
    .select(['ca_id', 'key_sha256'])
    .where('key_sha256', '=', keySha256)
    .where('active', '=', true)
    .executeTakeFirst();
}
