import { type Insertable, type Kysely, sql } from 'kysely';
import type { CardStatus, DB, JpkiTrustedCaTable, ResidentStatus } from '../../db/schema.js';

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

/** A trusted CA as the card checks need it. */
export interface ActiveCa {
  caId: string;
  keySha256: string;
  certificatePem: string;
  notBefore: Date;
  notAfter: Date;
}

/** The card on record for a certificate serial, with its holder's registry status. */
export interface CardOnRecord {
  municipality_code: string;
  card_serial: string;
  resident_id: number;
  certificate_pem: string;
  status: CardStatus;
  resident_status: ResidentStatus;
}

/**
 * Everything the card checks read, in one statement: the card on record for
 * `serial` (if any), the active trusted CAs, and the keys of those CAs whose
 * imported CRLs list `serial`. Read together, they are also one snapshot.
 */
export async function readCardTrust(
  db: Kysely<DB>,
  serial: string,
): Promise<{ card: CardOnRecord | undefined; cas: ActiveCa[]; revokedBy: string[] }> {
  const result = await sql<
    Partial<CardOnRecord> & {
      cas: { caId: string; keySha256: string; certificatePem: string; notBefore: string; notAfter: string }[];
      revoked_by: string[];
    }
  >`
    select card.*,
      (select coalesce(json_agg(json_build_object(
          'caId', t.ca_id, 'keySha256', t.key_sha256, 'certificatePem', t.certificate_pem,
          'notBefore', t.not_before, 'notAfter', t.not_after) order by t.ca_id), '[]'::json)
        from jpki_trusted_ca t where t.active) as cas,
      (select coalesce(json_agg(v.ca_key_sha256), '[]'::json)
        from jpki_revoked_certificate v
        where v.certificate_serial = ${serial}
          and v.ca_key_sha256 in (select key_sha256 from jpki_trusted_ca where active)) as revoked_by
    from (select 1) as one
    left join lateral (
      select c.municipality_code, c.card_serial, c.resident_id, c.certificate_pem, c.status,
        r.status as resident_status
      from mynumber_card c
      join resident r on r.municipality_code = c.municipality_code and r.resident_id = c.resident_id
      where c.certificate_serial = ${serial}
      limit 1
    ) as card on true`.execute(db);
  const row = result.rows[0]!;
  const { cas, revoked_by, ...card } = row;
  return {
    card: card.card_serial === undefined || card.card_serial === null ? undefined : (card as CardOnRecord),
    cas: cas.map((ca) => ({ ...ca, notBefore: new Date(ca.notBefore), notAfter: new Date(ca.notAfter) })),
    revokedBy: revoked_by,
  };
}
