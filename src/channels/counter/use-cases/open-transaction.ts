import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../audit/domain/audit-hash.js';
import { appendAudit } from '../../../audit/index.js';
import { findResident } from '../../../registry/index.js';
import { AppError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/validation.js';
import { findTransactionByKey, insertTransaction } from '../data/counter.repository.js';
import type { RequesterOnFile } from '../domain/certificate-line.js';
import { IDEMPOTENCY_KEY } from '../domain/transaction.js';
import { type ActingStaff, type CounterDeps, nowOf, staffActor } from './counter-deps.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const counterRequesterSchema = z.strictObject({
  /** As written on the request form (申請書); required when anyone but the person or family asks. */
  name: text(100).optional(),
  /** The requester's own resident record, when the clerk found them. */
  residentId: z.int().positive().optional(),
  /** Which document the clerk checked (運転免許証, マイナンバーカード, 旅券 …). */
  identityDocument: text(60),
});

export const openTransactionSchema = z.strictObject({
  idempotencyKey: z.string().regex(IDEMPOTENCY_KEY, {
    message: '8–128 letters, digits or . _ : -',
  }),
  requester: counterRequesterSchema,
});

/**
 * Opens one visit: who stands at the counter and which ID document was
 * checked. The console's key makes a double click open one visit, not two.
 */
export async function openCounterTransaction(deps: CounterDeps, staff: ActingStaff, input: unknown) {
  const body = parseInput(openTransactionSchema, input, 'body');
  const db = deps.issuance.db;
  const requester: RequesterOnFile = body.requester;
  if (requester.residentId !== undefined) {
    const person = await findResident(db, staff.municipalityCode, requester.residentId);
    if (!person)
      throw new AppError('not_found', 'requester_not_found', {
        ja: '請求者の住民記録が見つかりません。',
        en: 'The requester has no resident record here.',
      });
  }
  const transactionId = randomUUID();
  const at = nowOf(deps);
  const created = await db.transaction().execute(async (trx) => {
    const inserted = await insertTransaction(trx, {
      municipality_code: staff.municipalityCode,
      transaction_id: transactionId,
      idempotency_key: body.idempotencyKey,
      status: 'open',
      requester: JSON.stringify(requester),
      clerk_id: staff.staffId,
      terminal_id: staff.terminalId,
      opened_at: at,
    });
    if (inserted)
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staffActor(staff),
        action: 'counter.opened',
        subjectType: 'counter_transaction',
        subjectId: transactionId,
        details: { identityDocument: requester.identityDocument },
      });
    return inserted;
  });
  if (created) return { transactionId, status: 'open' as const, replayed: false };
  const earlier = await findTransactionByKey(db, staff.municipalityCode, body.idempotencyKey);
  if (!earlier) throw new Error('transaction key conflict without a row');
  if (canonicalJson(earlier.requester) !== canonicalJson(requester as unknown as Record<string, unknown>))
    throw new AppError('conflict', 'idempotency_key_reused', {
      ja: 'この受付キーは別の内容の受付に使われています。新しい受付としてやり直してください。',
      en: 'This key was used for a different transaction. Start a new one.',
    });
  return { transactionId: earlier.transaction_id, status: earlier.status, replayed: true };
}
