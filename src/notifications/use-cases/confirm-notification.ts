import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { contentChanged, householdMismatch, incomplete } from '../domain/errors.js';
import { type StoredSignature, signatureSchema, signatureSummary } from '../domain/signature.js';
import { buildCounterView } from './counter-view.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import { inTransaction, loadNotification, requireStatus, saveNotification } from './sealed-notification.js';

export interface ConfirmInput {
  reference: string;
  /** The version the tablet showed: a change since then must be shown again. */
  contentVersion: number;
  signature?: unknown;
  /** Paper path: the resident signed the paper form. */
  onPaper?: boolean | undefined;
}

/**
 * The resident confirms on the tablet and signs with a finger. The strokes are
 * kept with the notification; its "reviewed" time is set. Only a notification
 * that could be accepted as it stands can be signed.
 */
export async function confirmNotification(deps: NotificationDeps, staff: StaffActor, input: ConfirmInput) {
  const signature: StoredSignature | undefined = input.onPaper
    ? { kind: 'paper' }
    : input.signature === undefined
      ? undefined
      : { kind: 'strokes', ...parseInput(signatureSchema, input.signature, 'signature') };
  if (!signature)
    throw new AppError('invalid', 'signature_missing', {
      ja: '署名がありません。タブレットに署名してください。',
      en: 'There is no signature. Please sign on the tablet.',
    });
  const now = nowOf(deps);
  return inTransaction(
    deps,
    {
      municipalityCode: staff.municipalityCode,
      reference: input.reference,
      actorId: staff.id,
      actorType: 'staff',
    },
    async (trx) => {
      const row = await loadNotification(trx, deps, staff.municipalityCode, input.reference, now, {
        forUpdate: true,
      });
      requireStatus(row, ['opened', 'confirmed'], { ja: '署名', en: 'signed' });
      if (input.contentVersion !== row.content_version) throw contentChanged(row.content_version);
      if (signature.kind === 'paper' && row.path !== 'paper')
        throw new AppError('unprocessable', 'paper_signature_not_allowed', {
          ja: 'スマートフォンで作成した届出は、タブレットに署名してください。',
          en: 'A notification made on a phone is signed on the tablet.',
        });
      const { view, match } = await buildCounterView(trx, deps, row, now);
      if (match.problems.length > 0) throw householdMismatch(match.problems);
      if (view.problems.length > 0) throw incomplete(view.problems);
      const saved = await saveNotification(
        trx,
        deps,
        row,
        { status: 'confirmed', signature, reviewed_at: now, match: match.snapshot ?? null },
        now,
      );
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.confirm',
        subjectType: 'notification',
        subjectId: row.reference,
        details:
          signature.kind === 'paper' ? { signature: 'paper' } : { signature: signatureSummary(signature) },
      });
      return (await buildCounterView(trx, deps, saved, now)).view;
    },
  );
}
