import { type AuditActor, appendAudit } from '../../../audit/index.js';
import { findRegistersByKeys, findRegistration } from '../data/koseki-registration.repository.js';
import { matchCandidates } from '../domain/candidates.js';
import { registrationErrors } from '../domain/registration-errors.js';
import { REJECTION_LABELS, REJECTION_REASONS } from '../domain/rejection-reasons.js';
import type { KosekiRegistrationDeps } from './registration-deps.js';
import { reviewerView } from './registration-view.js';

/**
 * One application with the municipality's registers that could be the
 * applicant's: same 本籍 and 筆頭者 (folded) and a member still in the register
 * with the applicant's name and birth date. Opening registers is a read of
 * their members' records: audited, naming the registers looked at.
 */
export async function reviewKosekiRegistration(
  deps: KosekiRegistrationDeps,
  actor: AuditActor,
  input: { municipalityCode: string; registrationId: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findRegistration(trx, input.municipalityCode, input.registrationId);
    if (!row) throw registrationErrors.notFound();
    const found = await findRegistersByKeys(trx, input.municipalityCode, {
      honsekiKey: row.honseki_key,
      hittoshaKey: row.hittosha_key,
    });
    const report = matchCandidates(row, found);
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'koseki_registration.read',
      subjectType: 'koseki_registration',
      subjectId: row.registration_id,
      details: { registersRead: found.registers.map((r) => r.koseki_id) },
    });
    return {
      ...reviewerView(row),
      ...report,
      // Only a pending application with a candidate can be approved; anything else can only be rejected.
      canApprove: row.status === 'pending' && report.candidates.length > 0,
      rejectionReasons: REJECTION_REASONS.map((reason) => ({ reason, ...REJECTION_LABELS[reason] })),
    };
  });
}
