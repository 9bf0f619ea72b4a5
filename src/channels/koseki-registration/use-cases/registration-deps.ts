import type { Kysely } from 'kysely';
import { type AuditEvent, appendAudit } from '../../../audit/index.js';
import type { DB } from '../../../db/schema.js';

/** What the 利用者登録 use cases need: the database and a clock (tests move it). */
export interface KosekiRegistrationDeps {
  db: Kysely<DB>;
  clock?: () => Date;
}

export function nowOf(deps: KosekiRegistrationDeps): Date {
  return (deps.clock ?? (() => new Date()))();
}

/** The card holder at a kiosk, as the card session establishes them (never as the kiosk says). */
export interface CardHolder {
  /** The residence municipality (B), whose register and card records name the person. */
  municipalityCode: string;
  residentId: number;
  cardSerial: string;
  kioskId: string;
}

/** The card holder as an actor in another municipality's audit chain, where a bare resident id means nothing. */
export function holderActor(holder: CardHolder) {
  return {
    type: 'resident' as const,
    id: `${holder.municipalityCode}:${holder.residentId}`,
    terminalId: holder.kioskId,
  };
}

/**
 * Appends audit rows of several municipalities in one transaction, always in
 * code order: each append locks that municipality's chain head, and two
 * transactions locking B then A and A then B would deadlock.
 */
export async function appendAudits(trx: Kysely<DB>, events: AuditEvent[]): Promise<void> {
  const ordered = [...events].sort((a, b) =>
    a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0,
  );
  for (const event of ordered) await appendAudit(trx, event);
}

/** A unique violation of the named constraint or index (PostgreSQL and PGlite alike). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && (e.constraint === constraint || Boolean(e.message?.includes(constraint)));
}
