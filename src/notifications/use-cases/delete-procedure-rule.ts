import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import {
  deleteProcedureRule as deleteRuleRow,
  lockProcedureRules,
} from '../data/procedure-rule.repository.js';
import type { NotificationDeps, StaffActor } from './notification-deps.js';
import { loadRules } from './procedure-rule-set.js';

/** Removes one rule. The last one cannot go (an empty set would be seeded again): disable it instead. */
export async function deleteProcedureRule(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { ruleId: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const rules = await loadRules(trx, staff.municipalityCode);
    await lockProcedureRules(trx, staff.municipalityCode);
    if (!rules.some((r) => r.rule.id === input.ruleId))
      throw new AppError('not_found', 'procedure_rule_not_found', {
        ja: 'この規則は登録されていません。',
        en: 'There is no such rule.',
      });
    if (rules.length === 1)
      throw new AppError('conflict', 'procedure_rule_last', {
        ja: '最後の規則は削除できません。使わない場合は無効にしてください。',
        en: 'The last rule cannot be deleted; disable it instead.',
      });
    await deleteRuleRow(trx, staff.municipalityCode, input.ruleId);
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staff,
      action: 'procedure_rule.delete',
      subjectType: 'procedure_rule',
      subjectId: input.ruleId,
    });
  });
}
