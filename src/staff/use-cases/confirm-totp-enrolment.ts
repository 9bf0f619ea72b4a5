import { appendAudit } from '../../audit/index.js';
import { findStaff, updateStaff } from '../data/staff.repository.js';
import { markSecondFactorProven } from '../data/staff-session.repository.js';
import { staffError } from '../domain/staff-errors.js';
import { checkTotp } from '../domain/totp.js';
import { auditActorOf, type StaffPrincipal } from './resolve-staff-session.js';
import { type StaffDeps, totpContext } from './staff-deps.js';

/**
 * Confirms the pending authenticator with a current code. The code proves the
 * second factor, so this session counts as fully signed in from now on.
 */
export async function confirmTotpEnrolment(
  deps: StaffDeps,
  staff: StaffPrincipal,
  input: { code: string },
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const account = await findStaff(trx, staff.municipalityCode, staff.staffId, { forUpdate: true });
    if (!account) throw staffError('staff.session_required');
    if (account.totp_secret_enc) throw staffError('staff.totp_already_enrolled');
    if (!account.totp_pending_enc) throw staffError('staff.totp_not_started');
    const context = totpContext(staff.municipalityCode, staff.staffId);
    const check = checkTotp(deps.totpBox.open(account.totp_pending_enc, context), input.code, now, null);
    if (!check.ok) throw staffError('staff.totp_code_wrong');
    await updateStaff(trx, staff.municipalityCode, staff.staffId, {
      totp_secret_enc: account.totp_pending_enc,
      totp_pending_enc: null,
      totp_last_step: check.step,
      updated_at: now,
    });
    await markSecondFactorProven(trx, staff.municipalityCode, staff.sessionSha256);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: auditActorOf(staff),
      action: 'staff.totp_enrolled',
      subjectType: 'staff',
      subjectId: staff.staffId,
    });
  });
}
