import { appendAudit } from '../../audit/index.js';
import { type AuditSearchFilter, searchAuditRows } from '../data/audit-search.repository.js';
import { staffDisplayNames } from '../data/staff.repository.js';
import { assertOperatorMay, type Operator, type StaffDeps } from './staff-deps.js';

export interface AuditSearchInput {
  actor?: string | undefined;
  action?: string | undefined;
  /** `type:id` (resident:123) or a bare id. */
  subject?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
  reason?: string | undefined;
}

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorType: string;
  actorId: string;
  /** The clerk's display name (staff table) when the actor is a member of this town's staff; null otherwise. */
  actorName: string | null;
  terminalId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The display name when the subject is a staff account (`staff:<id>`); residents are never named here. */
  subjectName: string | null;
  reason: string | null;
  details: unknown;
  hash: string;
}

/**
 * The auditor's search of their own municipality's trail. Looking at the trail
 * is itself an act worth recording (it shows who was watched, and by whom), so
 * the search and its filters go into the same chain, in the same transaction.
 */
export async function searchAuditLog(
  deps: StaffDeps,
  operator: Operator,
  input: AuditSearchInput,
): Promise<{ entries: AuditEntry[]; page: number; pageSize: number; total: number }> {
  assertOperatorMay(operator, 'audit.read');
  const filter: AuditSearchFilter = { municipalityCode: operator.municipalityCode };
  if (input.actor !== undefined) filter.actorId = input.actor;
  if (input.action !== undefined) filter.action = input.action;
  if (input.subject !== undefined) {
    const colon = input.subject.indexOf(':');
    if (colon > 0) {
      filter.subjectType = input.subject.slice(0, colon);
      filter.subjectId = input.subject.slice(colon + 1);
    } else filter.subjectId = input.subject;
  }
  filter.from = input.from;
  filter.to = input.to;
  return deps.db.transaction().execute(async (trx) => {
    // The search row is appended first, so it never shows in its own result.
    const found = await searchAuditRows(trx, filter, {
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    await appendAudit(trx, {
      municipalityCode: operator.municipalityCode,
      actor: operator.actor,
      action: 'audit.search',
      reason: input.reason ?? null,
      details: {
        filter: {
          actor: input.actor ?? null,
          action: input.action ?? null,
          subject: input.subject ?? null,
          from: input.from?.toISOString() ?? null,
          to: input.to?.toISOString() ?? null,
        },
        page: input.page,
        returned: found.rows.length,
      },
    });
    // Auditors read who did it, not only a UUID: the names of this town's staff on the page.
    const names = await staffDisplayNames(trx, operator.municipalityCode, [
      ...found.rows.filter((row) => row.actor_type === 'staff').map((row) => row.actor_id),
      ...found.rows
        .filter((row) => row.subject_type === 'staff' && row.subject_id !== null)
        .map((row) => row.subject_id as string),
    ]);
    return {
      entries: found.rows.map((row) => ({
        seq: row.seq,
        occurredAt: new Date(row.occurred_at).toISOString(),
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorName: row.actor_type === 'staff' ? (names.get(row.actor_id) ?? null) : null,
        terminalId: row.terminal_id,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        subjectName:
          row.subject_type === 'staff' && row.subject_id ? (names.get(row.subject_id) ?? null) : null,
        reason: row.reason,
        details: row.details,
        hash: row.hash,
      })),
      page: input.page,
      pageSize: input.pageSize,
      total: found.total,
    };
  });
}
