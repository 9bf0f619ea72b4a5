import { appendAudit } from '../../audit/index.js';
import type { CardStatus } from '../../db/schema.js';
import { changeCardStatus, lockCard } from '../data/card-auth.repository.js';
import { cardBucketKey, resetBucket } from '../data/rate-limit.repository.js';
import { certificateBytes, sha256Hex } from '../domain/card-certificate.js';
import { refusal } from '../domain/identity-errors.js';
import { type IdentityDeps, resolveIdentityDeps } from './identity-deps.js';

export interface ResetCardPinInput {
  /** The clerk, already signed in at the counter terminal (staff login is its own module). */
  clerk: { id: string; terminalId?: string | null };
  municipalityCode: string;
  cardSerial: string;
  /** e.g. 本人来庁・本人確認済み; recorded in the audit row. */
  reason: string;
}

/**
 * 暗証番号の再設定 at the municipal counter: after checking the person's
 * identity, the clerk unlocks the card's record (pin_locked → active) and
 * resets the chip's counter (resetVirtualCardPin for the demo card). The
 * card's abuse counter is cleared too: the person has just been seen.
 * Cards that are suspended, revoked or expired stay as they are.
 */
export async function resetCardPin(
  deps: IdentityDeps,
  input: ResetCardPinInput,
): Promise<{ status: CardStatus }> {
  const { db } = resolveIdentityDeps(deps);
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 500) throw refusal('card_pin_reset.reason_required');
  if (!/^[0-9]{6}$/.test(input.municipalityCode)) throw refusal('card_pin_reset.card_unknown');
  return db.transaction().execute(async (trx) => {
    const card = await lockCard(trx, input.municipalityCode, input.cardSerial);
    if (!card) throw refusal('card_pin_reset.card_unknown');
    if (card.status !== 'pin_locked')
      throw refusal('card_pin_reset.not_locked', { extra: { status: card.status } });
    await changeCardStatus(trx, input.municipalityCode, input.cardSerial, 'pin_locked', 'active');
    await resetBucket(trx, cardBucketKey(sha256Hex(certificateBytes(card.certificate_pem))));
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor: { type: 'staff', id: input.clerk.id, terminalId: input.clerk.terminalId ?? null },
      action: 'card.pin_reset',
      subjectType: 'mynumber_card',
      subjectId: card.card_serial,
      reason,
      details: { from: 'pin_locked', to: 'active' },
    });
    return { status: 'active' as const };
  });
}
