import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findStaff, type StaffAccountRow } from '../data/staff.repository.js';
import { staffError } from '../domain/staff-errors.js';
import type { Operator } from './staff-deps.js';

/**
 * The account an administrative use case acts on, locked for the transaction.
 * Looked up in the operator's own municipality only: another town's account is
 * simply not found. An administrator never acts on their own account this way.
 */
export async function lockTargetStaff(
  trx: Kysely<DB>,
  operator: Operator,
  staffId: string,
  options: { allowSelf?: boolean } = {},
): Promise<StaffAccountRow> {
  const target = await findStaff(trx, operator.municipalityCode, staffId, { forUpdate: true });
  if (!target) throw staffError('staff.not_found');
  if (!options.allowSelf && operator.staffId !== null && operator.staffId === target.staff_id)
    throw staffError('staff.self_change_refused');
  return target;
}

export function staffSubject(target: StaffAccountRow) {
  return { subjectType: 'staff', subjectId: target.staff_id } as const;
}
