import { X509Certificate } from 'node:crypto';
import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import type { DraftContent } from '../domain/draft-content.js';
import {
  type TransferRecord,
  transferRecordSchema,
  transferRecordSignatureValid,
} from '../domain/transfer-record.js';
import { buildCounterView, type CounterView } from './counter-view.js';
import { type NotificationDeps, nowOf, type StaffActor } from './notification-deps.js';
import {
  contentOf,
  inTransaction,
  loadNotification,
  requireStatus,
  saveNotification,
} from './sealed-notification.js';

/**
 * 引越しワンストップ: the former town's transfer record (the 転出証明書 data)
 * attached to a 転入, read instead of the paper certificate. A draft without
 * movers takes them from the record — names exactly as the former town
 * registered them — so nothing is typed twice.
 */
export async function attachTransferRecord(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { reference: string; record: unknown },
): Promise<CounterView> {
  const record = parseInput(transferRecordSchema, input.record, 'record');
  // The sender's certificate is looked up before the transaction: the identity cache reads the database itself.
  // Checked over the record as sent: normalising a field (a postal code's hyphen) must not break the signature.
  const signatureVerified = await verifySender(deps, record, input.record as TransferRecord);
  if (record.signature && signatureVerified === false)
    throw new AppError('unprocessable', 'transfer_record_signature_invalid', {
      ja: '転出証明書データの電子署名が、転出元の市区町村の証明書で検証できません。',
      en: "The transfer record's signature does not verify with the former municipality's certificate.",
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
      if (row.kind !== 'tennyu')
        throw new AppError('unprocessable', 'transfer_record_not_tennyu', {
          ja: '転出証明書のデータは転入届にだけ添付できます。',
          en: 'A transfer record belongs to a moving-in notification only.',
        });
      requireStatus(row, ['submitted', 'opened', 'confirmed'], {
        ja: '転出証明書の読込み',
        en: 'given a transfer record',
      });
      let content = contentOf(row);
      const filled = content.movers.length === 0;
      if (filled) content = fromRecord(content, record);
      const stored = { ...record, signatureVerified: signatureVerified === true };
      const changed = await saveNotification(
        trx,
        deps,
        row,
        {
          transfer_record: stored,
          ...(filled ? { content, content_version: row.content_version + 1 } : {}),
          // What the resident signed did not include the record: they confirm again.
          ...(row.status === 'confirmed' ? { status: 'opened', signature: null, reviewed_at: null } : {}),
        },
        now,
      );
      const { match } = await buildCounterView(trx, deps, changed, now);
      const saved =
        changed.status === 'submitted'
          ? changed
          : await saveNotification(trx, deps, changed, { match: match.snapshot ?? null }, now);
      await appendAudit(trx, {
        municipalityCode: staff.municipalityCode,
        actor: staff,
        action: 'notification.transfer_record',
        subjectType: 'notification',
        subjectId: row.reference,
        details: {
          from: record.from.municipalityCode,
          certificateNumber: record.certificateNumber,
          signatureVerified: signatureVerified === true,
          filledMovers: filled,
        },
      });
      return (await buildCounterView(trx, deps, saved, now)).view;
    },
  );
}

/** True/false when the sender is served here and the record is signed; undefined when it cannot be checked. */
async function verifySender(
  deps: NotificationDeps,
  record: TransferRecord,
  asSent: TransferRecord,
): Promise<boolean | undefined> {
  if (!record.signature) return undefined;
  let certificate: X509Certificate;
  try {
    certificate = (await deps.identities.get(record.from.municipalityCode)).certificate;
  } catch {
    return undefined;
  }
  return transferRecordSignatureValid(asSent, new X509Certificate(certificate.raw));
}

function fromRecord(content: DraftContent, record: TransferRecord): DraftContent {
  return {
    ...content,
    from: content.from ?? {
      ...(record.address.postalCode ? { postalCode: record.address.postalCode } : {}),
      address: record.address.address,
      ...(record.address.katagaki ? { katagaki: record.address.katagaki } : {}),
    },
    movers: record.persons.map((p) => ({
      familyName: p.familyName,
      givenName: p.givenName,
      familyNameKana: p.familyNameKana,
      givenNameKana: p.givenNameKana,
      birthDate: p.birthDate,
      sex: p.sex,
      relationship: p.relationship,
      juminhyoCode: p.juminhyoCode,
      ...(p.myNumber ? { myNumber: p.myNumber } : {}),
      ...(p.honseki ? { honseki: p.honseki } : {}),
      ...(p.hittosha ? { hittosha: p.hittosha } : {}),
      ...(p.nationality ? { nationality: p.nationality } : {}),
    })),
  };
}
