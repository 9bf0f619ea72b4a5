import type { CardStatus } from '../../db/schema.js';
import type { AppError } from '../../shared/errors.js';
import { changeCardStatus, endCardSessions } from '../data/card-auth.repository.js';
import { readCardTrust } from '../data/trust.repository.js';
import { type CardCertificate, parseCardCertificate } from '../domain/card-certificate.js';
import { type RefusalCode, refusal } from '../domain/identity-errors.js';
import { checkCertificateTrust, findCardOf, type KnownCard } from './check-card.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';
import { recordCardAttempt } from './record-card-attempt.js';
import { requireServingKiosk } from './require-kiosk.js';

/**
 * A kiosk tells the server that a card answered "PIN locked" (the third wrong
 * PIN, or a card locked earlier). The card's record becomes pin_locked, so
 * every kiosk refuses it until a clerk resets the PIN at the counter — even if
 * the chip's own counter were tampered with. Open sessions of the card end.
 *
 * Only certificates from a trusted CA that belong to a card on record are
 * accepted, and the report is audited with the reporting kiosk.
 */
export async function reportCardLocked(
  deps: IdentityDeps,
  input: { kioskId: string; certificate: Uint8Array | string },
): Promise<{ status: CardStatus; changed: boolean }> {
  const { db, now: clock } = resolveIdentityDeps(deps);
  const kiosk = await requireServingKiosk(db, input.kioskId);
  const now = clock();
  const outcome = await db.transaction().execute(async (trx) => {
    let certificate: CardCertificate | undefined;
    let card: KnownCard | undefined;
    let error: AppError | undefined;
    const refused = await (async (): Promise<RefusalCode | undefined> => {
      try {
        certificate = parseCardCertificate(input.certificate);
      } catch (parseError) {
        error = parseError as AppError;
        return 'card_auth.certificate_malformed';
      }
      const record = await readCardTrust(trx, certificate.serial);
      card = findCardOf(record, certificate);
      const trust = checkCertificateTrust(record, certificate, now);
      // A revoked or expired certificate still names a real card whose PIN is
      // locked; only an untrusted or unknown one is turned away.
      if ('refusal' in trust && trust.refusal === 'card_auth.certificate_untrusted') return trust.refusal;
      if (!card) return 'card_auth.card_unknown';
      return undefined;
    })();
    const attempt = {
      now,
      kioskId: kiosk.kiosk_id,
      challengeId: null,
      step: 'card_locked' as const,
      certificateSha256: certificate?.sha256 ?? null,
      card,
      fallbackMunicipalityCode: kiosk.operator_municipality_code,
    };
    if (refused || !card) {
      const code = refused ?? 'card_auth.card_unknown';
      await recordCardAttempt(trx, { ...attempt, outcome: code, action: 'card.pin_lock_report_refused' });
      return { error: error ?? refusal(code) };
    }
    const changed = await changeCardStatus(
      trx,
      card.municipalityCode,
      card.cardSerial,
      'active',
      'pin_locked',
    );
    if (changed) await endCardSessions(trx, card.municipalityCode, card.cardSerial, now, 'card_pin_locked');
    await recordCardAttempt(trx, { ...attempt, outcome: 'ok', action: 'card.pin_lock_reported' });
    return { result: { status: changed ? ('pin_locked' as const) : card.status, changed } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}
