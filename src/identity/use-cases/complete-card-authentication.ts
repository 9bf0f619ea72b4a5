import type { Selectable } from 'kysely';
import type { CardAuthChallengeTable } from '../../db/schema.js';
import type { AppError } from '../../shared/errors.js';
import { consumeChallenge, findChallenge, insertSession } from '../data/card-auth.repository.js';
import { cardBucketKey, takeToken } from '../data/rate-limit.repository.js';
import { readCardTrust } from '../data/trust.repository.js';
import { cardAuthMessage } from '../domain/card-auth-message.js';
import {
  type CardCertificate,
  parseCardCertificate,
  verifyCardSignature,
} from '../domain/card-certificate.js';
import { type RefusalCode, refusal } from '../domain/identity-errors.js';
import { newSessionToken, parseSessionToken } from '../domain/session-token.js';
import type { AuthenticatedKiosk } from './authenticate-kiosk-request.js';
import { cardStateRefusal, checkCertificateTrust, findCardOf, type KnownCard } from './check-card.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';
import { recordCardAttempt } from './record-card-attempt.js';
import { requireServingKiosk } from './require-kiosk.js';

export interface CompleteCardAuthenticationInput {
  challengeId: string;
  kioskId: string;
  /** The kiosk as the kiosk API authenticated it for this request, if it did. */
  authenticatedKiosk?: AuthenticatedKiosk;
  /** The card's 利用者証明用 certificate: DER, PEM or base64 of the DER. */
  certificate: Uint8Array | string;
  /** The card's signature over cardAuthMessage(nonce, kioskId). */
  signature: Uint8Array;
}

export interface CardSessionGrant {
  /** Give it back as the card session on later kiosk requests; it is stored only hashed. */
  sessionToken: string;
  municipalityCode: string;
  residentId: number;
  cardSerial: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks the card's answer to a challenge and opens a short card session.
 * Order: the challenge (single use, this kiosk's, unexpired) → the per-card
 * limit → the certificate (trusted CA, dates, usage, CRL) → the signature →
 * the card on record and its status → the holder's registry status. Whatever
 * the outcome, the challenge is spent and the attempt is recorded.
 */
export async function completeCardAuthentication(
  deps: IdentityDeps,
  input: CompleteCardAuthenticationInput,
): Promise<CardSessionGrant> {
  const { db, now: clock, limits } = resolveIdentityDeps(deps);
  const kiosk = await requireServingKiosk(db, input.kioskId, input.authenticatedKiosk);
  const now = clock();

  const outcome = await db.transaction().execute(async (trx) => {
    let challenge: Selectable<CardAuthChallengeTable> | undefined;
    let certificate: CardCertificate | undefined;
    let card: KnownCard | undefined;
    let error: AppError | undefined;

    const refused = await (async (): Promise<RefusalCode | undefined> => {
      if (!UUID.test(input.challengeId)) return 'card_auth.challenge_unknown';
      challenge = await consumeChallenge(trx, input.challengeId, kiosk.kiosk_id, now);
      if (!challenge) {
        const existing = await findChallenge(trx, input.challengeId);
        if (!existing) return 'card_auth.challenge_unknown';
        if (existing.kiosk_id !== kiosk.kiosk_id) return 'card_auth.challenge_other_kiosk';
        if (existing.used_at) return 'card_auth.challenge_used';
        return 'card_auth.challenge_expired';
      }
      try {
        certificate = parseCardCertificate(input.certificate);
      } catch {
        return 'card_auth.certificate_malformed';
      }
      const record = await readCardTrust(trx, certificate.serial);
      card = findCardOf(record, certificate);
      if (challenge.certificate_sha256) {
        // The card was announced (and counted) when the challenge was given.
        if (challenge.certificate_sha256 !== certificate.sha256) return 'card_auth.certificate_mismatch';
      } else {
        const taken = await takeToken(trx, cardBucketKey(certificate.sha256), limits.perCard, now);
        if (!taken.allowed) {
          error = refusal('card_auth.card_rate_limited', {
            extra: { retryAfterSeconds: taken.retryAfterSeconds },
          });
          return 'card_auth.card_rate_limited';
        }
      }
      const trust = checkCertificateTrust(record, certificate, now);
      if ('refusal' in trust) return trust.refusal;
      const message = cardAuthMessage(Buffer.from(challenge.nonce), kiosk.kiosk_id);
      if (!verifyCardSignature(certificate.publicKey, message, input.signature))
        return 'card_auth.signature_invalid';
      if (!card) return 'card_auth.card_unknown';
      if (challenge.municipality_code && challenge.municipality_code !== card.municipalityCode)
        return 'card_auth.card_other_municipality';
      return cardStateRefusal(card);
    })();

    const attempt = {
      now,
      kioskId: kiosk.kiosk_id,
      challengeId: challenge?.challenge_id ?? null,
      step: 'complete' as const,
      certificateSha256: certificate?.sha256 ?? null,
      card,
      fallbackMunicipalityCode: challenge?.municipality_code ?? kiosk.operator_municipality_code,
    };
    if (refused || !card) {
      const code = refused ?? 'card_auth.card_unknown';
      await recordCardAttempt(trx, { ...attempt, outcome: code, action: 'card.auth_refused' });
      return { error: error ?? refusal(code) };
    }

    const sessionToken = newSessionToken(card.municipalityCode);
    const idleExpiresAt = new Date(now.getTime() + limits.sessionIdleSeconds * 1000);
    const absoluteExpiresAt = new Date(now.getTime() + limits.sessionMaxSeconds * 1000);
    await insertSession(trx, {
      municipality_code: card.municipalityCode,
      token_sha256: parseSessionToken(sessionToken)!.sha256,
      kiosk_id: kiosk.kiosk_id,
      card_serial: card.cardSerial,
      resident_id: card.residentId,
      created_at: now,
      last_used_at: now,
      idle_expires_at: idleExpiresAt,
      absolute_expires_at: absoluteExpiresAt,
    });
    await recordCardAttempt(trx, { ...attempt, outcome: 'ok', action: 'card.authenticated' });
    const grant: CardSessionGrant = {
      sessionToken,
      municipalityCode: card.municipalityCode,
      residentId: card.residentId,
      cardSerial: card.cardSerial,
      idleExpiresAt,
      absoluteExpiresAt,
    };
    return { grant };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.grant;
}
