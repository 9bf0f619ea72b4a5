import { appendAudit } from '../../audit/index.js';
import { parseInput } from '../../shared/validation.js';
import { insertNotification } from '../data/notification.repository.js';
import { findMunicipalityRow } from '../data/register.repository.js';
import { draftContentSchema, draftProblems, type NotificationKind } from '../domain/draft-content.js';
import { type SealedFields, sealNotification } from '../domain/draft-seal.js';
import { municipalityNotFound } from '../domain/errors.js';
import { hashEditSecret, newEditSecret, newReference } from '../domain/reference.js';
import {
  lifetimeDays,
  type NotificationDeps,
  nowOf,
  type StaffActor,
  tokyoDate,
} from './notification-deps.js';
import { type NotificationSummary, summaryOf } from './notification-view.js';

export interface CreateDraftInput {
  municipalityCode: string;
  kind: NotificationKind;
  content: unknown;
}

export interface CreatedDraft extends NotificationSummary {
  /** Shown once, kept by the phone: reading or changing the draft needs it. */
  editSecret: string;
}

/**
 * A draft from the resident's phone (digital path), or — with a clerk as
 * `staff` — a notification typed at the counter from a paper form (paper
 * path): the same record, so both paths can be compared.
 */
export async function createDraft(
  deps: NotificationDeps,
  input: CreateDraftInput,
  staff?: StaffActor,
): Promise<CreatedDraft | NotificationSummary> {
  const content = parseInput(draftContentSchema, input.content ?? {}, 'content');
  const now = nowOf(deps);
  const reference = newReference();
  const secret = staff ? undefined : newEditSecret();
  const expiresAt = new Date(now.getTime() + lifetimeDays(deps) * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    const municipality = await findMunicipalityRow(trx, input.municipalityCode);
    if (!municipality) throw municipalityNotFound();
    const fields: SealedFields = {
      municipalityCode: input.municipalityCode,
      reference,
      kind: input.kind,
      path: staff ? 'paper' : 'digital',
      // The paper form is handed in when the clerk starts typing it: received at once.
      status: staff ? 'submitted' : 'draft',
      editSecretSha256: secret ? hashEditSecret(secret) : null,
      expiresAt,
      contentVersion: 1,
      content,
      transferRecord: null,
      match: null,
      signature: null,
      identityDocument: null,
    };
    const row = {
      municipality_code: fields.municipalityCode,
      reference,
      kind: input.kind,
      path: fields.path as 'paper' | 'digital',
      status: fields.status as 'submitted' | 'draft',
      edit_secret_sha256: fields.editSecretSha256,
      content: JSON.stringify(content),
      content_version: 1,
      seal: sealNotification(deps.sealKey, fields),
      created_by: staff ? staff.id : 'resident',
      expires_at: expiresAt,
      received_at: staff ? now : null,
      created_at: now,
      updated_at: now,
    };
    await insertNotification(trx, row);
    if (staff)
      await appendAudit(trx, {
        municipalityCode: input.municipalityCode,
        actor: staff,
        action: 'notification.create_paper',
        subjectType: 'notification',
        subjectId: reference,
        details: { kind: input.kind },
      });
    const problems = draftProblems(content, {
      kind: input.kind,
      today: tokyoDate(now),
      municipality,
      stage: staff ? 'accept' : 'draft',
      draftLifetimeDays: lifetimeDays(deps),
    });
    const summary = summaryOf(
      {
        ...row,
        content,
        content_version: 1,
        clerk_edits: 0,
        transfer_record: null,
        match: null,
        signature: null,
        identity_document: null,
        opened_by: null,
        finished_by: null,
        rejection_reason: null,
        notifier_age: null,
        result: null,
        certificate_number: null,
        certificate_code: null,
        certificate_sha256: null,
        certificate_pdf: null,
        entered_at: null,
        reviewed_at: null,
        finished_at: null,
      },
      content,
      problems,
    );
    return secret ? { ...summary, editSecret: secret } : summary;
  });
}
