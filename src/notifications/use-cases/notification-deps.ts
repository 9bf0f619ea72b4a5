import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import type { SigningIdentities } from '../../issuance/use-cases/signing-identities.js';

export interface NotificationDeps {
  db: Kysely<DB>;
  /** HMAC key sealing stored notifications; from src/shared/secrets.ts, never from the database. */
  sealKey: string;
  /** The municipalities' document-signing keys (転出証明書, transfer records). */
  identities: SigningIdentities;
  /** Base of the public URL printed as the 転出証明書's QR code. */
  publicUrl: string;
  clock?: () => Date;
  /** How long a draft made on a phone stays usable; 7 days by default. */
  draftLifetimeDays?: number;
}

/** A member of staff at the counter (or an administrator), as authenticated by the caller. */
export interface StaffActor extends AuditActor {
  type: 'staff';
  municipalityCode: string;
}

export const DEFAULT_DRAFT_LIFETIME_DAYS = 7;

export function nowOf(deps: NotificationDeps): Date {
  // Milliseconds only: what timestamptz stores, so sealed times read back equal.
  return new Date(Math.floor((deps.clock?.() ?? new Date()).getTime()));
}

export { tokyoDate } from '../../domain/service-hours.js';

export function lifetimeDays(deps: NotificationDeps): number {
  return deps.draftLifetimeDays ?? DEFAULT_DRAFT_LIFETIME_DAYS;
}

export function certificateUrl(deps: NotificationDeps, code: string): string {
  return `${deps.publicUrl.replace(/\/$/, '')}/api/v1/tenshutsu-certificates/${code}`;
}
