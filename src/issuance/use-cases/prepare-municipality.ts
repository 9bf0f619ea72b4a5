import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { assertValidFeeSchedule, demoFeeSchedule } from '../../domain/fees.js';
import { loadFeeSchedule, saveFeeSchedule } from '../data/fees.repository.js';
import type { SigningIdentities } from './signing-identities.js';

/**
 * Makes a (demo) municipality ready to issue: the fee schedule of its
 * ordinance when it has none, and a document-signing identity. Production
 * municipalities import their own key (`madoguchi keys import`) and fees
 * (the admin screens) instead.
 */
export async function prepareMunicipalityForIssuance(
  db: Kysely<DB>,
  identities: SigningIdentities,
  municipalityCode: string,
) {
  const existing = await loadFeeSchedule(db, municipalityCode);
  if (existing.rules.length === 0) {
    const schedule = demoFeeSchedule(municipalityCode);
    assertValidFeeSchedule(schedule);
    await db.transaction().execute((trx) => saveFeeSchedule(trx, schedule));
  }
  await identities.ensureDemo(municipalityCode);
}
