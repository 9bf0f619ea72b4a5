import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/index.js';
import type { DB } from '../../db/schema.js';
import { insertAttempt } from '../data/card-auth.repository.js';
import type { KnownCard } from './check-card.js';

export interface CardAttempt {
  now: Date;
  kioskId: string;
  challengeId: string | null;
  step: 'challenge' | 'complete' | 'card_locked';
  /** 'ok' or the refusal code. */
  outcome: string;
  certificateSha256: string | null;
  card: KnownCard | undefined;
  /** Where the audit row goes when the card is unknown: the challenge's or the kiosk's municipality. */
  fallbackMunicipalityCode: string | null;
  action: string;
}

/**
 * Records one authentication step in the deployment's attempt log and, when a
 * municipality can be named, in that municipality's audit chain — inside the
 * caller's transaction. Neither holds a name, a number or a PIN: the card is
 * named by its serial in the audit row and by its certificate hash in the log.
 */
export async function recordCardAttempt(trx: Kysely<DB>, attempt: CardAttempt): Promise<void> {
  const municipalityCode = attempt.card?.municipalityCode ?? attempt.fallbackMunicipalityCode;
  await insertAttempt(trx, {
    attempt_id: randomUUID(),
    occurred_at: attempt.now,
    kiosk_id: attempt.kioskId,
    challenge_id: attempt.challengeId,
    step: attempt.step,
    outcome: attempt.outcome,
    certificate_sha256: attempt.certificateSha256,
    municipality_code: municipalityCode,
  });
  if (!municipalityCode) return;
  const success = attempt.outcome === 'ok';
  await appendAudit(trx, {
    municipalityCode,
    actor:
      success && attempt.card && attempt.step === 'complete'
        ? { type: 'resident', id: String(attempt.card.residentId), terminalId: attempt.kioskId }
        : { type: 'kiosk', id: attempt.kioskId, terminalId: attempt.kioskId },
    action: attempt.action,
    subjectType: attempt.card ? 'mynumber_card' : null,
    subjectId: attempt.card?.cardSerial ?? null,
    details: {
      step: attempt.step,
      outcome: attempt.outcome,
      challengeId: attempt.challengeId,
      ...(attempt.card ? {} : { certificateSha256: attempt.certificateSha256 }),
    },
  });
}
