import { appendAudit, type ChainReport, verifyAuditChain } from '../../audit/index.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';

/**
 * Recomputes the operator's own municipality's chain (never another's) and
 * records that it was checked and with what result.
 */
export async function verifyOwnAuditChain(deps: StaffDeps, operator: Operator): Promise<ChainReport> {
  assertOperatorMay(operator, 'audit.read');
  const report = await verifyAuditChain(deps.db, operator.municipalityCode);
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'audit.verify',
      details: { rows: report.rows, valid: report.valid, problems: report.problems.slice(0, 20) },
    });
  });
  return report;
}
