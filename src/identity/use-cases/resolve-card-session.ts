import {
  endSession,
  findSessionForUpdate,
  spendLiveSession,
  touchSession,
} from '../data/card-auth.repository.js';
import { refusal } from '../domain/identity-errors.js';
import { parseSessionToken } from '../domain/session-token.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

export interface CardSession {
  municipalityCode: string;
  residentId: number;
  cardSerial: string;
  kioskId: string;
  idleExpiresAt: Date;
}

/**
 * The resident behind a card session token, for the kiosk routes that act for
 * them (issuance). Only at the kiosk that opened it, only while the card is
 * still active; each use pushes the idle deadline out, never past the
 * absolute one. A usable session costs one statement.
 */
export async function resolveCardSession(
  deps: IdentityDeps,
  input: { sessionToken: string; kioskId: string },
): Promise<CardSession> {
  const { db, now: clock, limits } = resolveIdentityDeps(deps);
  const parsed = parseSessionToken(input.sessionToken);
  if (!parsed) throw refusal('card_session.invalid');
  const now = clock();
  const idleUntil = new Date(now.getTime() + limits.sessionIdleSeconds * 1000);
  const live = await spendLiveSession(
    db,
    { municipalityCode: parsed.municipalityCode, tokenSha256: parsed.sha256, kioskId: input.kioskId },
    now,
    idleUntil,
  );
  if (live)
    return {
      municipalityCode: live.municipality_code,
      residentId: live.resident_id,
      cardSerial: live.card_serial,
      kioskId: live.kiosk_id,
      idleExpiresAt: new Date(live.idle_expires_at),
    };
  // Not usable: find out why under the session's lock, and end it if it is over.
  const outcome = await db.transaction().execute(async (trx) => {
    const session = await findSessionForUpdate(trx, parsed.municipalityCode, parsed.sha256);
    if (!session || session.ended_at || session.kiosk_id !== input.kioskId)
      return { error: refusal('card_session.invalid') };
    if (session.card_status !== 'active') {
      await endSession(trx, parsed.municipalityCode, parsed.sha256, now, `card_${session.card_status}`);
      return { error: refusal('card_session.invalid') };
    }
    if (now >= session.idle_expires_at || now >= session.absolute_expires_at) {
      await endSession(trx, parsed.municipalityCode, parsed.sha256, now, 'expired');
      return { error: refusal('card_session.expired') };
    }
    const idleExpiresAt = new Date(Math.min(idleUntil.getTime(), session.absolute_expires_at.getTime()));
    await touchSession(trx, parsed.municipalityCode, parsed.sha256, now, idleExpiresAt);
    return {
      session: {
        municipalityCode: session.municipality_code,
        residentId: session.resident_id,
        cardSerial: session.card_serial,
        kioskId: session.kiosk_id,
        idleExpiresAt,
      },
    };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}
