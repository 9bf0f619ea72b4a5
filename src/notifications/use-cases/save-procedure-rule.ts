import { z } from 'zod';
import { appendAudit } from '../../audit/index.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import { lockProcedureRules, upsertProcedureRule } from '../data/procedure-rule.repository.js';
import { procedureRuleSchema } from '../domain/procedure-rules.js';
import type { NotificationDeps, StaffActor } from './notification-deps.js';
import { loadRules, type StoredRule } from './procedure-rule-set.js';

export const saveRuleSchema = z.strictObject({
  definition: procedureRuleSchema,
  /** Order on the guidance sheet; the end of the list when absent for a new rule. */
  position: z.int().min(0).max(100_000).optional(),
  enabled: z.boolean().default(true),
});

/** An administrator adds or replaces one rule; the change is audited with the rule as saved. */
export async function saveProcedureRule(
  deps: NotificationDeps,
  staff: StaffActor,
  input: { ruleId: string; body: unknown },
): Promise<StoredRule> {
  const body = parseInput(saveRuleSchema, input.body, 'body');
  if (body.definition.id !== input.ruleId)
    throw new AppError(
      'invalid',
      'procedure_rule_id_mismatch',
      {
        ja: 'URLの規則IDと定義のIDが一致しません。',
        en: 'The rule id in the URL and in the definition differ.',
      },
      { details: [{ at: 'definition.id', ja: 'IDが一致しません。', en: 'id differs' }] },
    );
  return deps.db.transaction().execute(async (trx) => {
    const existing = await loadRules(trx, staff.municipalityCode);
    await lockProcedureRules(trx, staff.municipalityCode);
    const current = existing.find((r) => r.rule.id === input.ruleId);
    const position =
      body.position ?? current?.position ?? Math.max(0, ...existing.map((r) => r.position)) + 10;
    await upsertProcedureRule(trx, staff.municipalityCode, {
      ruleId: input.ruleId,
      position,
      enabled: body.enabled,
      definition: body.definition,
      updatedBy: staff.id,
    });
    await appendAudit(trx, {
      municipalityCode: staff.municipalityCode,
      actor: staff,
      action: current ? 'procedure_rule.update' : 'procedure_rule.create',
      subjectType: 'procedure_rule',
      subjectId: input.ruleId,
      details: { position, enabled: body.enabled, definition: body.definition },
    });
    const saved = (await loadRules(trx, staff.municipalityCode)).find((r) => r.rule.id === input.ruleId);
    if (!saved) throw new Error('saved rule not found');
    return saved;
  });
}
