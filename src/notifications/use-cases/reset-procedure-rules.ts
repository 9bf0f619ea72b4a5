import { appendAudit } from '../../audit/index.js';
import { deleteAllProcedureRules, lockProcedureRules } from '../data/procedure-rule.repository.js';
import type { NotificationDeps, StaffActor } from './notification-deps.js';
import { loadRules, seedDefaultRules } from './procedure-rule-set.js';

/** Puts the default rules back, replacing every rule of the municipality. */
export async function resetProcedureRules(deps: NotificationDeps, staff: StaffActor) {
  return deps.db.transaction().execute(async (trx) => {
    await lockProcedureRules(trx, staff.municipalityCode);
    await deleteAllProcedureRules(trx, staff.municipalityCode);
    await seedDefaultRules(trx, staff.municipalityCode, staff.id);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staff,
      action: 'procedure_rule.reset',
      subjectType: 'procedure_rule',
      subjectId: null,
    });
    return loadRules(trx, staff.municipalityCode);
  });
}
