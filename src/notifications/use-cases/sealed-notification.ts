/**
 * Loading and saving notifications so that the seal is always checked on the
 * way in and renewed on the way out. Every use case goes through these.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/index.js';
import type { DB, NotificationStatus } from '../../db/schema.js';
import { AppError, isAppError } from '../../shared/errors.js';
import {
  findNotification,
  type NotificationPatch,
  type NotificationRow,
  updateNotification,
} from '../data/notification.repository.js';
import { type DraftContent, draftContentSchema } from '../domain/draft-content.js';
import { type SealedFields, sealMatches, sealNotification } from '../domain/draft-seal.js';
import { draftExpired, draftNotFound, draftTampered } from '../domain/errors.js';
import type { MatchSnapshot } from '../domain/household-match.js';
import { normalizeReference } from '../domain/reference.js';
import { type TransferRecord, transferRecordSchema } from '../domain/transfer-record.js';
import type { NotificationDeps } from './notification-deps.js';

export function sealedFieldsOf(row: NotificationRow): SealedFields {
  return {
    municipalityCode: row.municipality_code,
    reference: row.reference,
    kind: row.kind,
    path: row.path,
    status: row.status,
    editSecretSha256: row.edit_secret_sha256,
    expiresAt: new Date(row.expires_at),
    contentVersion: row.content_version,
    content: row.content,
    transferRecord: row.transfer_record,
    match: row.match,
    signature: row.signature,
    identityDocument: row.identity_document,
  };
}

export function isExpired(row: NotificationRow, now: Date): boolean {
  return (
    row.status === 'expired' ||
    ((row.status === 'draft' || row.status === 'submitted') && new Date(row.expires_at) < now)
  );
}

/** A reference as given (typed, scanned QR text) → the stored form, or 404. */
export function referenceOf(input: string): string {
  const reference = normalizeReference(input);
  if (!reference) throw draftNotFound();
  return reference;
}

/**
 * Reads a notification, refusing unknown (404), tampered (422) and expired
 * (410) ones. The seal is checked before anything else is looked at.
 */
export async function loadNotification(
  trx: Kysely<DB>,
  deps: NotificationDeps,
  municipalityCode: string,
  reference: string,
  now: Date,
  options: { forUpdate?: boolean; allowExpired?: boolean } = {},
): Promise<NotificationRow> {
  const row = await findNotification(trx, municipalityCode, referenceOf(reference), options);
  if (!row) throw draftNotFound();
  if (!sealMatches(deps.sealKey, sealedFieldsOf(row), row.seal)) throw draftTampered();
  if (!options.allowExpired && isExpired(row, now)) throw draftExpired(new Date(row.expires_at));
  return row;
}

/** Writes a change and renews the seal over the row as it will be stored. */
export async function saveNotification(
  trx: Kysely<DB>,
  deps: NotificationDeps,
  row: NotificationRow,
  patch: NotificationPatch,
  now: Date,
): Promise<NotificationRow> {
  const next = { ...row, ...patch, updated_at: now } as NotificationRow;
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const seal = sealNotification(deps.sealKey, sealedFieldsOf(next));
  await updateNotification(trx, row.municipality_code, row.reference, {
    ...patch,
    ...('content' in patch ? { content: JSON.stringify(patch.content) } : {}),
    ...('transfer_record' in patch ? { transfer_record: json(patch.transfer_record) } : {}),
    ...('match' in patch ? { match: json(patch.match) } : {}),
    ...('signature' in patch ? { signature: json(patch.signature) } : {}),
    ...('identity_document' in patch ? { identity_document: json(patch.identity_document) } : {}),
    ...('result' in patch ? { result: json(patch.result) } : {}),
    updated_at: now,
    seal,
  });
  return { ...next, seal };
}

export function contentOf(row: NotificationRow): DraftContent {
  return draftContentSchema.parse(row.content);
}

export function transferRecordOf(row: NotificationRow): TransferRecord | undefined {
  if (!row.transfer_record) return undefined;
  // Stored with the outcome of its signature check beside it.
  const { signatureVerified: _checked, ...record } = row.transfer_record as Record<string, unknown>;
  return transferRecordSchema.parse(record);
}

export function matchOf(row: NotificationRow): MatchSnapshot | undefined {
  return (row.match as MatchSnapshot | null) ?? undefined;
}

export function requireStatus(
  row: NotificationRow,
  allowed: readonly NotificationStatus[],
  what: { ja: string; en: string },
): void {
  if (!allowed.includes(row.status)) {
    throw new AppError(
      'conflict',
      row.status === 'accepted' || row.status === 'rejected'
        ? 'notification_finished'
        : 'notification_wrong_status',
      row.status === 'accepted' || row.status === 'rejected'
        ? {
            ja: `この届出はすでに${row.status === 'accepted' ? '受理' : '不受理'}として処理済みのため、${what.ja}できません。`,
            en: `This notification is already ${row.status}; it cannot be ${what.en}.`,
          }
        : {
            ja: `この届出は今の状態では${what.ja}できません。`,
            en: `This notification cannot be ${what.en} in its current state.`,
          },
      { extra: { notificationStatus: row.status, allowedStatuses: allowed } },
    );
  }
}

/**
 * Runs a use case's transaction; when it finds a tampered notification, the
 * finding is recorded in the audit trail in a transaction of its own (the
 * refused one changes nothing) before the refusal reaches the caller.
 */
export async function inTransaction<T>(
  deps: NotificationDeps,
  where: { municipalityCode: string; reference: string; actorId: string; actorType: 'staff' | 'resident' },
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  try {
    return await deps.db.transaction().execute(work);
  } catch (error) {
    if (isAppError(error) && error.code === 'notification_tampered') {
      await deps.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, {
            municipalityCode: where.municipalityCode,
            actor: { type: where.actorType, id: where.actorId },
            action: 'notification.tamper_detected',
            subjectType: 'notification',
            subjectId: normalizeReference(where.reference) ?? where.reference.slice(0, 40),
          }),
        )
        .catch(() => undefined);
    }
    throw error;
  }
}
