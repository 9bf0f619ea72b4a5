import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { readAuditChain, readAuditHead } from '../data/audit.repository.js';
import { auditHash, GENESIS_HASH } from '../domain/audit-hash.js';

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

/** Recomputes every hash of a municipality's chain; names the first rows that do not fit. */
export async function verifyAuditChain(db: Kysely<DB>, municipalityCode: string): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for await (const row of readAuditChain(db, municipalityCode)) {
    rows++;
    if (row.seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: 'missing_row' });
    if (row.prev_hash !== prevHash) problems.push({ seq: row.seq, problem: 'broken_link' });
    const recomputed = auditHash(row.prev_hash, {
      municipalityCode: row.municipality_code,
      seq: row.seq,
      occurredAt: new Date(row.occurred_at).toISOString(),
      actorType: row.actor_type,
      actorId: row.actor_id,
      terminalId: row.terminal_id,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      reason: row.reason,
      details: row.details,
    });
    if (recomputed !== row.hash) problems.push({ seq: row.seq, problem: 'hash_mismatch' });
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
    if (problems.length >= 100) break;
  }
  const head = await readAuditHead(db, municipalityCode);
  if (head && problems.length < 100 && (head.last_seq !== expectedSeq - 1 || head.last_hash !== prevHash))
    problems.push({ seq: head.last_seq, problem: 'head_mismatch' });
  return { municipalityCode, rows, valid: problems.length === 0, problems };
}
