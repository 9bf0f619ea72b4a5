import { appendAudit } from '../../audit/index.js';
import { endSession, findSessionForUpdate } from '../data/card-auth.repository.js';
import { parseSessionToken } from '../domain/session-token.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

/**
 * Ends a card session when the resident is done (or takes the card). Ending a
 * session that is unknown, another kiosk's, or already over changes nothing
 * and says so, so a kiosk can always call it on its way back to the start screen.
 */
export async function endCardSession(
  deps: IdentityDeps,
  input: { sessionToken: string; kioskId: string },
): Promise<{ ended: boolean }> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  const parsed = parseSessionToken(input.sessionToken);
  if (!parsed) return { ended: false };
  const now = clock();
  return db.transaction().execute(async (trx) => {
    const session = await findSessionForUpdate(trx, parsed.municipalityCode, parsed.sha256);
    if (!session || session.kiosk_id !== input.kioskId || session.ended_at) return { ended: false };
    await endSession(trx, parsed.municipalityCode, parsed.sha256, now, 'ended_by_kiosk');
    await appendAudit(trx, {
      municipalityCode: session.municipality_code,
      actor: { type: 'resident', id: String(session.resident_id), terminalId: input.kioskId },
      action: 'card.session_ended',
      subjectType: 'mynumber_card',
      subjectId: session.card_serial,
    });
    return { ended: true };
  });
}
