/** What the APIs return about a notification: plain JSON, no secrets, no seal. */
import type { ErrorDetail } from '../../shared/errors.js';
import type { NotificationRow } from '../data/notification.repository.js';
import { type DraftContent, KIND_NAMES } from '../domain/draft-content.js';
import { draftQrText } from '../domain/reference.js';
import type { StoredSignature } from '../domain/signature.js';
import { signatureSummary } from '../domain/signature.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export interface NotificationSummary {
  reference: string;
  municipalityCode: string;
  kind: NotificationRow['kind'];
  kindName: { ja: string; en: string };
  path: NotificationRow['path'];
  status: NotificationRow['status'];
  contentVersion: number;
  content: DraftContent;
  /** What still keeps the draft from being submitted or accepted. */
  problems: ErrorDetail[];
  qrText: string;
  expiresAt: string;
  timings: {
    createdAt: string | null;
    receivedAt: string | null;
    enteredAt: string | null;
    reviewedAt: string | null;
    finishedAt: string | null;
  };
}

export function summaryOf(
  row: NotificationRow,
  content: DraftContent,
  problems: ErrorDetail[],
): NotificationSummary {
  return {
    reference: row.reference,
    municipalityCode: row.municipality_code,
    kind: row.kind,
    kindName: KIND_NAMES[row.kind],
    path: row.path,
    status: row.status,
    contentVersion: row.content_version,
    content,
    problems,
    qrText: draftQrText(row.municipality_code, row.reference),
    expiresAt: new Date(row.expires_at).toISOString(),
    timings: {
      createdAt: iso(row.created_at),
      receivedAt: iso(row.received_at),
      enteredAt: iso(row.entered_at),
      reviewedAt: iso(row.reviewed_at),
      finishedAt: iso(row.finished_at),
    },
  };
}

/** The counter's extra facts: signature, ID check, outcome, certificate. */
export function counterFactsOf(row: NotificationRow) {
  const signature = row.signature as StoredSignature | null;
  return {
    clerkEdits: row.clerk_edits,
    hasTransferRecord: row.transfer_record !== null,
    signature: signature
      ? signature.kind === 'paper'
        ? { kind: 'paper' as const }
        : { kind: 'strokes' as const, ...signatureSummary(signature) }
      : null,
    identityDocument: row.identity_document,
    rejectionReason: row.rejection_reason,
    // The transfer record (with 個人番号) is served on its own endpoint only.
    result: row.result ? withoutTransferRecord(row.result) : null,
    certificate: row.certificate_code
      ? {
          number: row.certificate_number,
          verificationCode: row.certificate_code,
          sha256: row.certificate_sha256,
        }
      : null,
  };
}

function withoutTransferRecord(result: unknown): unknown {
  const { transferRecord: _kept, ...rest } = result as Record<string, unknown>;
  return rest;
}
