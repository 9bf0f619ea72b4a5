/** Typed calls of the audit trail (src/staff/http/audit.routes.ts). */
import { type AuditFilter, auditQuery } from '../domain';
import { staffFetch } from './session';

export { type AuditFilter, auditQuery };

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorType: string;
  actorId: string;
  /** The clerk's display name when the actor is one of the town's staff. */
  actorName: string | null;
  terminalId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The display name when the subject is a staff account. */
  subjectName: string | null;
  reason: string | null;
  details: unknown;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ChainProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_row' | 'head_mismatch';
}

export interface ChainReport {
  municipalityCode: string;
  rows: number;
  valid: boolean;
  problems: ChainProblem[];
}

export function searchAudit(filter: AuditFilter, signal?: AbortSignal): Promise<AuditPage> {
  return staffFetch<AuditPage>(`/api/v1/audit?${auditQuery(filter)}`, { signal });
}

export function verifyAuditChain(): Promise<ChainReport> {
  return staffFetch<ChainReport>('/api/v1/audit/verify');
}
