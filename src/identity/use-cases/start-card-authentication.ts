import { randomBytes, randomUUID } from 'node:crypto';
import type { AppError } from '../../shared/errors.js';
import { insertChallenge } from '../data/card-auth.repository.js';
import { findMunicipality } from '../data/municipality.repository.js';
import { cardBucketKey, takeToken } from '../data/rate-limit.repository.js';
import { readCardTrust } from '../data/trust.repository.js';
import { CARD_AUTH_NONCE_BYTES, cardAuthMessage } from '../domain/card-auth-message.js';
import { type CardCertificate, parseCardCertificate } from '../domain/card-certificate.js';
import { type RefusalCode, refusal } from '../domain/identity-errors.js';
import type { AuthenticatedKiosk } from './authenticate-kiosk-request.js';
import { cardStateRefusal, checkCertificateTrust, findCardOf, type KnownCard } from './check-card.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';
import { recordCardAttempt } from './record-card-attempt.js';
import { requireServingKiosk } from './require-kiosk.js';

export interface StartCardAuthenticationInput {
  kioskId: string;
  /** The kiosk as the kiosk API authenticated it for this request, if it did. */
  authenticatedKiosk?: AuthenticatedKiosk;
  /** A kiosk that serves one municipality only (a town-hall terminal) names it here. */
  municipalityCode?: string;
  /**
   * The certificate read from the card (it needs no PIN). When given, the card
   * is checked before the resident types the PIN, the challenge is bound to it
   * and the attempt counts against the card's limit right away.
   */
  certificate?: Uint8Array | string;
}

export interface CardChallenge {
  challengeId: string;
  /** 32 random bytes. */
  nonce: Buffer;
  /** What the card signs: cardAuthMessage(nonce, kioskId). */
  message: Buffer;
  expiresAt: Date;
}

/** Issues a single-use challenge for one card authentication at one kiosk. */
export async function startCardAuthentication(
  deps: IdentityDeps,
  input: StartCardAuthenticationInput,
): Promise<CardChallenge> {
  const { db, now: clock, limits } = resolveIdentityDeps(deps);
  const kiosk = await requireServingKiosk(db, input.kioskId, input.authenticatedKiosk);
  const municipalityCode = input.municipalityCode ?? null;
  if (
    municipalityCode &&
    !(/^[0-9]{6}$/.test(municipalityCode) && (await findMunicipality(db, municipalityCode)))
  )
    throw refusal('card_auth.municipality_unknown');
  const now = clock();
  const challengeId = randomUUID();
  const nonce = randomBytes(CARD_AUTH_NONCE_BYTES);
  const expiresAt = new Date(now.getTime() + limits.challengeTtlSeconds * 1000);

  const outcome = await db.transaction().execute(async (trx) => {
    let certificate: CardCertificate | undefined;
    let card: KnownCard | undefined;
    let refused: RefusalCode | undefined;
    let error: AppError | undefined;
    if (input.certificate !== undefined) {
      try {
        certificate = parseCardCertificate(input.certificate);
      } catch (parseError) {
        error = parseError as AppError;
        refused = 'card_auth.certificate_malformed';
      }
      if (certificate) {
        const record = await readCardTrust(trx, certificate.serial);
        card = findCardOf(record, certificate);
        const taken = await takeToken(trx, cardBucketKey(certificate.sha256), limits.perCard, now);
        if (!taken.allowed) {
          refused = 'card_auth.card_rate_limited';
          error = refusal(refused, { extra: { retryAfterSeconds: taken.retryAfterSeconds } });
        } else {
          const trust = checkCertificateTrust(record, certificate, now);
          if ('refusal' in trust) refused = trust.refusal;
          else if (!card) refused = 'card_auth.card_unknown';
          else if (municipalityCode && card.municipalityCode !== municipalityCode)
            refused = 'card_auth.card_other_municipality';
          else refused = cardStateRefusal(card);
        }
      }
    }
    if (refused) {
      await recordCardAttempt(trx, {
        now,
        kioskId: kiosk.kiosk_id,
        challengeId: null,
        step: 'challenge',
        outcome: refused,
        certificateSha256: certificate?.sha256 ?? null,
        card,
        fallbackMunicipalityCode: municipalityCode ?? kiosk.operator_municipality_code,
        action: 'card.auth_refused',
      });
      return { error: error ?? refusal(refused) };
    }
    await insertChallenge(
      trx,
      {
        challengeId,
        nonce,
        kioskId: kiosk.kiosk_id,
        municipalityCode,
        certificateSha256: certificate?.sha256 ?? null,
        createdAt: now,
        expiresAt,
      },
      // Expired challenges are kept an hour (for the attempt log's questions), then purged.
      new Date(now.getTime() - 3600_000),
    );
    return { error: undefined };
  });
  // The refusal is committed (attempt and audit rows) before it is answered.
  if (outcome.error) throw outcome.error;
  return { challengeId, nonce, message: cardAuthMessage(nonce, kiosk.kiosk_id), expiresAt };
}
