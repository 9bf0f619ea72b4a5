import { appendAudit } from '../../audit/index.js';
import { revokeStaffSession } from '../data/staff-session.repository.js';
import { auditActorOf, type StaffPrincipal } from './resolve-staff-session.js';
import type { StaffDeps } from './staff-deps.js';

export async function logOut(deps: StaffDeps, staff: StaffPrincipal): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const ended = await revokeStaffSession(trx, staff.municipalityCode, staff.sessionSha256, now, 'logout');
    if (!ended) return;
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: auditActorOf(staff),
      action: 'staff.logout',
      subjectType: 'staff',
      subjectId: staff.staffId,
    });
  });
}
