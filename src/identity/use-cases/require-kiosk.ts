import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findKiosk } from '../data/kiosk.repository.js';
import { refusal } from '../domain/identity-errors.js';

/**
 * The kiosk row of a registered, in-service kiosk. The HTTP layer already
 * checked this with the request signature; use cases check again because they
 * are also called without HTTP (tests, the counter terminal, scripts).
 */
export async function requireServingKiosk(db: Kysely<DB>, kioskId: string) {
  const kiosk = await findKiosk(db, kioskId);
  if (!kiosk) throw refusal('kiosk_auth.unknown_kiosk');
  if (kiosk.status !== 'in_service') throw refusal('kiosk_auth.out_of_service');
  return kiosk;
}
