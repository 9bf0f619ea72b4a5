import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import {
  createMunicipalitySigningIdentity,
  type LoadedSigningIdentity,
  loadSigningIdentity,
  type StoredSigningIdentity,
} from '../../signing/keys.js';
import { findSigningIdentityRow } from '../data/signing-identity.repository.js';

export interface SigningIdentities {
  get(municipalityCode: string): Promise<LoadedSigningIdentity>;
  /** Makes the demo CA and signing certificate for a municipality that has none. */
  ensureDemo(municipalityCode: string): Promise<LoadedSigningIdentity>;
}

/**
 * The municipalities' document-signing keys, decrypted once per process and
 * kept in memory. The database holds only the encrypted key; the passphrase
 * comes from the environment or the data directory, never from the database.
 */
export function signingIdentities(
  db: Kysely<DB>,
  passphrase: string,
  clock: () => Date = () => new Date(),
): SigningIdentities {
  const loaded = new Map<string, Promise<LoadedSigningIdentity>>();

  async function load(municipalityCode: string): Promise<LoadedSigningIdentity | undefined> {
    const row = await findSigningIdentityRow(db, municipalityCode);
    if (!row) return undefined;
    const stored: StoredSigningIdentity = {
      certificateChainPem: row.certificate_chain_pem,
      encryptedPrivateKeyPem: row.encrypted_private_key_pem,
    };
    return loadSigningIdentity(stored, passphrase);
  }

  function remember(municipalityCode: string, work: () => Promise<LoadedSigningIdentity>) {
    let pending = loaded.get(municipalityCode);
    if (!pending) {
      pending = work();
      loaded.set(municipalityCode, pending);
      pending.catch(() => loaded.delete(municipalityCode));
    }
    return pending;
  }

  return {
    get(municipalityCode) {
      return remember(municipalityCode, async () => {
        const identity = await load(municipalityCode);
        if (!identity)
          throw new AppError('unavailable', 'signing_identity_missing', {
            ja: 'この自治体の電子署名用の鍵が登録されていません。管理者にお知らせください。',
            en: 'This municipality has no document-signing key yet. Please tell the administrator.',
          });
        return identity;
      });
    },
    ensureDemo(municipalityCode) {
      return remember(municipalityCode, async () => {
        const existing = await load(municipalityCode);
        if (existing) return existing;
        const municipality = await db
          .selectFrom('municipality')
          .selectAll()
          .where('code', '=', municipalityCode)
          .executeTakeFirstOrThrow();
        const made = await createMunicipalitySigningIdentity({
          municipalityCode,
          name: municipality.name,
          mayorName: municipality.mayor_name,
          mayorTitle: municipality.mayor_title,
          now: clock(),
          passphrase,
        });
        // Two processes may race here: the first row wins and both use it.
        await db
          .insertInto('signing_identity')
          .values({
            municipality_code: municipalityCode,
            certificate_chain_pem: made.certificateChainPem,
            encrypted_private_key_pem: made.encryptedPrivateKeyPem,
          })
          .onConflict((oc) => oc.column('municipality_code').doNothing())
          .execute();
        const identity = await load(municipalityCode);
        if (!identity) throw new Error('signing identity vanished after insert');
        return identity;
      });
    },
  };
}
