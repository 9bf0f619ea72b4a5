/**
 * A municipality's related-procedure rules, seeded with the defaults on first
 * use. Seeding happens only while the table holds no rule for the town, so an
 * administrator who wants none disables rules rather than deleting the last one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  countProcedureRules,
  listProcedureRules,
  lockProcedureRules,
  upsertProcedureRule,
} from '../data/procedure-rule.repository.js';
import { DEFAULT_PROCEDURE_RULES } from '../domain/default-procedure-rules.js';
import { type ProcedureRule, procedureRuleSchema } from '../domain/procedure-rules.js';

export interface StoredRule {
  rule: ProcedureRule;
  position: number;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string;
}

export async function seedDefaultRules(trx: Kysely<DB>, municipalityCode: string, by: string) {
  for (const [i, input] of DEFAULT_PROCEDURE_RULES.entries()) {
    const rule = procedureRuleSchema.parse(input);
    await upsertProcedureRule(trx, municipalityCode, {
      ruleId: rule.id,
      position: (i + 1) * 10,
      enabled: true,
      definition: rule,
      updatedBy: by,
    });
  }
}

export async function loadRules(trx: Kysely<DB>, municipalityCode: string): Promise<StoredRule[]> {
  if ((await countProcedureRules(trx, municipalityCode)) === 0) {
    await lockProcedureRules(trx, municipalityCode);
    if ((await countProcedureRules(trx, municipalityCode)) === 0)
      await seedDefaultRules(trx, municipalityCode, 'system');
  }
  const rows = await listProcedureRules(trx, municipalityCode);
  return rows.map((row) => ({
    rule: procedureRuleSchema.parse(row.definition),
    position: row.position,
    enabled: row.enabled,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  }));
}

export async function loadEnabledRules(trx: Kysely<DB>, municipalityCode: string): Promise<ProcedureRule[]> {
  return (await loadRules(trx, municipalityCode)).filter((r) => r.enabled).map((r) => r.rule);
}
