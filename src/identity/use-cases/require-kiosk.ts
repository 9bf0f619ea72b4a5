import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findKiosk } from '../data/kiosk.repository.js';
import { refusal } from '../domain/identity-errors.js';
import type { AuthenticatedKiosk } from './authenticate-kiosk-request.js';

/** What the card use cases need of the kiosk they act for. */
export interface ServingKiosk {
  kiosk_id: string;
  operator_municipality_code: string | null;
}

/**
 * The kiosk a use case acts for, registered and in service. A request that
 * came through the kiosk API passes the kiosk its signature authenticated a
 * moment ago (`authenticated`), and that is used as it is; without it (tests,
 * the counter terminal, scripts) the kiosk is read and checked here.
 */
export async function requireServingKiosk(
  db: Kysely<DB>,
  kioskId: string,
  authenticated?: AuthenticatedKiosk,
): Promise<ServingKiosk> {
  if (authenticated?.kioskId === kioskId)
    return { kiosk_id: kioskId, operator_municipality_code: authenticated.operatorMunicipalityCode };
  const kiosk = await findKiosk(db, kioskId);
  if (!kiosk) throw refusal('kiosk_auth.unknown_kiosk');
  if (kiosk.status !== 'in_service') throw refusal('kiosk_auth.out_of_service');
  return kiosk;
}
