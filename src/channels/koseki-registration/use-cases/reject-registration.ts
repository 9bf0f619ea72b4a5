import { type AuditActor, appendAudit } from '../../../audit/index.js';
import { decideRegistration, findRegistrationForUpdate } from '../data/koseki-registration.repository.js';
import { registrationErrors } from '../domain/registration-errors.js';
import type { RejectionReason } from '../domain/rejection-reasons.js';
import { type KosekiRegistrationDeps, nowOf } from './registration-deps.js';
import { reviewerView } from './registration-view.js';

export interface RejectInput {
  municipalityCode: string;
  registrationId: string;
  reason: RejectionReason;
  /** Required for `other`; shown to the applicant at the kiosk. */
  note?: string | undefined;
}

/** Rejects a pending application with a reason from the list; the applicant may apply again. */
export async function rejectKosekiRegistration(
  deps: KosekiRegistrationDeps,
  actor: AuditActor,
  input: RejectInput,
) {
  const now = nowOf(deps);
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw registrationErrors.noteRequired();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findRegistrationForUpdate(trx, input.municipalityCode, input.registrationId);
    if (!row) throw registrationErrors.notFound();
    if (row.status !== 'pending') throw registrationErrors.alreadyDecided(row.status);
    const decided = await decideRegistration(trx, input.municipalityCode, input.registrationId, {
      status: 'rejected',
      decided_at: now,
      decided_by: actor.id,
      rejection_reason: input.reason,
      rejection_note: note,
    });
    if (!decided) throw registrationErrors.alreadyDecided('decided');
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'koseki_registration.rejected',
      subjectType: 'koseki_registration',
      subjectId: row.registration_id,
      reason: input.reason,
      details: { ...(note ? { note } : {}), applicantMunicipality: row.applicant_municipality_code },
    });
    return reviewerView(decided);
  });
}
