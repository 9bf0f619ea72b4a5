import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function findSigningIdentityRow(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('signing_identity')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
}

export async function saveSigningIdentityRow(
  db: Kysely<DB>,
  row: { municipalityCode: string; certificateChainPem: string; encryptedPrivateKeyPem: string },
) {
  await db
    .insertInto('signing_identity')
    .values({
      municipality_code: row.municipalityCode,
      certificate_chain_pem: row.certificateChainPem,
      encrypted_private_key_pem: row.encryptedPrivateKeyPem,
    })
    .onConflict((oc) =>
      oc.column('municipality_code').doUpdateSet({
        certificate_chain_pem: row.certificateChainPem,
        encrypted_private_key_pem: row.encryptedPrivateKeyPem,
      }),
    )
    .execute();
}
