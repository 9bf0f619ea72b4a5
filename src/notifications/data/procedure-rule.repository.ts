import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function listProcedureRules(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('procedure_rule')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .orderBy('position')
    .orderBy('rule_id')
    .execute();
}

export async function countProcedureRules(db: Kysely<DB>, municipalityCode: string): Promise<number> {
  const row = await db
    .selectFrom('procedure_rule')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ProcedureRuleWrite {
  ruleId: string;
  position: number;
  enabled: boolean;
  definition: unknown;
  updatedBy: string;
}

export async function upsertProcedureRule(
  db: Kysely<DB>,
  municipalityCode: string,
  rule: ProcedureRuleWrite,
) {
  const values = {
    position: rule.position,
    enabled: rule.enabled,
    definition: JSON.stringify(rule.definition),
    updated_by: rule.updatedBy,
    updated_at: new Date(),
  };
  await db
    .insertInto('procedure_rule')
    .values({ municipality_code: municipalityCode, rule_id: rule.ruleId, ...values })
    .onConflict((oc) => oc.columns(['municipality_code', 'rule_id']).doUpdateSet(values))
    .execute();
}

export async function deleteProcedureRule(db: Kysely<DB>, municipalityCode: string, ruleId: string) {
  const result = await db
    .deleteFrom('procedure_rule')
    .where('municipality_code', '=', municipalityCode)
    .where('rule_id', '=', ruleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteAllProcedureRules(db: Kysely<DB>, municipalityCode: string) {
  await db.deleteFrom('procedure_rule').where('municipality_code', '=', municipalityCode).execute();
}

// Any number: it only has to be the same for every madoguchi process.
const RULES_LOCK = 4_242_061;

/** Serialises writes of a municipality's rules (and their seeding on first use) across processes. */
export async function lockProcedureRules(db: Kysely<DB>, municipalityCode: string) {
  await sql`select pg_advisory_xact_lock(${RULES_LOCK}, ${Number(municipalityCode)})`.execute(db);
}
