import { procedureRuleJsonSchema } from '../domain/procedure-rules.js';
import type { NotificationDeps, StaffActor } from './notification-deps.js';
import { loadRules } from './procedure-rule-set.js';

/** The municipality's related-procedure rules in order, with the JSON Schema an editor validates against. */
export async function listProcedureRules(deps: NotificationDeps, staff: StaffActor) {
  const rules = await deps.db.transaction().execute((trx) => loadRules(trx, staff.municipalityCode));
  return { rules, schema: procedureRuleJsonSchema() };
}
