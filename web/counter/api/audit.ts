/** Typed calls of the audit trail (src/staff/http/audit.routes.ts). */
import { staffFetch } from './session';

export interface AuditFilter {
  actor?: string;
  action?: string;
  subject?: string;
  /** YYYY-MM-DD, a whole day in Japan. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
  reason?: string;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  seq: number;
  occurredAt: string;
  actorType: string;
  actorId: string;
  terminalId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
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

/** The query string of a search: empty filters are left out, never sent as "". */
export function auditQuery(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'action', 'subject', 'from', 'to', 'reason'] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  params.set('page', String(filter.page));
  params.set('pageSize', String(filter.pageSize));
  return params.toString();
}

export function searchAudit(filter: AuditFilter, signal?: AbortSignal): Promise<AuditPage> {
  return staffFetch<AuditPage>(`/api/v1/audit?${auditQuery(filter)}`, { signal });
}

export function verifyAuditChain(): Promise<ChainReport> {
  return staffFetch<ChainReport>('/api/v1/audit/verify');
}
