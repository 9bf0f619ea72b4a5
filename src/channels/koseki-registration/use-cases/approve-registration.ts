import { type AuditActor, appendAudit } from '../../../audit/index.js';
import {
  decideRegistration,
  findRegistersByKeys,
  findRegistrationForUpdate,
} from '../data/koseki-registration.repository.js';
import { isCandidate, matchCandidates } from '../domain/candidates.js';
import { registrationErrors } from '../domain/registration-errors.js';
import { defaultUsableFrom } from '../domain/usable-from.js';
import { type KosekiRegistrationDeps, nowOf } from './registration-deps.js';
import { reviewerView } from './registration-view.js';

export interface ApproveInput {
  municipalityCode: string;
  registrationId: string;
  kosekiId: number;
  memberNo: number;
  /** Usable at once instead of from the start of the fifth day after the application. */
  immediately?: boolean;
}

/**
 * Links a pending application to a register member and sets when kiosks start
 * issuing. The link is checked again here, not taken from the reviewer's
 * screen: it must be one of the candidates the registers give for what was
 * applied (so an application for a register that does not exist can only be
 * rejected). The decision and its audit row commit together.
 */
export async function approveKosekiRegistration(
  deps: KosekiRegistrationDeps,
  actor: AuditActor,
  input: ApproveInput,
) {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const row = await findRegistrationForUpdate(trx, input.municipalityCode, input.registrationId);
    if (!row) throw registrationErrors.notFound();
    if (row.status !== 'pending') throw registrationErrors.alreadyDecided(row.status);
    const found = await findRegistersByKeys(trx, input.municipalityCode, {
      honsekiKey: row.honseki_key,
      hittoshaKey: row.hittosha_key,
    });
    const report = matchCandidates(row, found);
    if (report.candidates.length === 0) throw registrationErrors.noCandidate();
    if (!isCandidate(report, input.kosekiId, input.memberNo)) throw registrationErrors.notACandidate();
    const usableFrom = input.immediately ? now : defaultUsableFrom(new Date(row.applied_at));
    const decided = await decideRegistration(trx, input.municipalityCode, input.registrationId, {
      status: 'approved',
      decided_at: now,
      decided_by: actor.id,
      koseki_id: input.kosekiId,
      member_no: input.memberNo,
      usable_from: usableFrom,
    });
    if (!decided) throw registrationErrors.alreadyDecided('decided');
    await appendAudit(trx, {
      municipalityCode: input.municipalityCode,
      actor,
      action: 'koseki_registration.approved',
      subjectType: 'koseki_registration',
      subjectId: row.registration_id,
      details: {
        kosekiId: input.kosekiId,
        memberNo: input.memberNo,
        usableFrom: usableFrom.toISOString(),
        immediately: input.immediately === true,
        applicantMunicipality: row.applicant_municipality_code,
      },
    });
    return reviewerView(decided);
  });
}
