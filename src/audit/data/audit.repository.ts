import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type AuditEntryContent, auditHash, GENESIS_HASH } from '../domain/audit-hash.js';

export interface AuditActor {
  type: 'staff' | 'resident' | 'kiosk' | 'system' | 'public';
  id: string;
  terminalId?: string | null;
}

export interface AuditEvent {
  municipalityCode: string;
  actor: AuditActor;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one row to the municipality's chain. Must run inside the
 * transaction whose change (or read) it records: the row lock on audit_head
 * orders appends, and a rollback takes the audit row with it.
 */
export async function appendAudit(
  trx: Kysely<DB>,
  event: AuditEvent,
): Promise<{ seq: number; hash: string }> {
  // One statement creates the head if needed, locks it and reads it: an upsert whose
  // update changes nothing still takes the row lock, as SELECT … FOR UPDATE would.
  const head = await trx
    .insertInto('audit_head')
    .values({ municipality_code: event.municipalityCode, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ last_seq: sql`audit_head.last_seq` }))
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  // Milliseconds only, so the stored timestamptz gives back the hashed string.
  const occurredAt = new Date(Math.floor(Date.now()));
  const content: AuditEntryContent = {
    municipalityCode: event.municipalityCode,
    seq: head.last_seq + 1,
    occurredAt: occurredAt.toISOString(),
    actorType: event.actor.type,
    actorId: event.actor.id,
    terminalId: event.actor.terminalId ?? null,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    reason: event.reason ?? null,
    details: event.details ?? {},
  };
  const hash = auditHash(head.last_hash, content);
  // The row and the new head in one round trip: the head is locked, so nothing comes between.
  await trx
    .with('entry', (db) =>
      db.insertInto('audit_log').values({
        municipality_code: content.municipalityCode,
        seq: content.seq,
        occurred_at: occurredAt,
        actor_type: event.actor.type,
        actor_id: content.actorId,
        terminal_id: content.terminalId,
        action: content.action,
        subject_type: content.subjectType,
        subject_id: content.subjectId,
        reason: content.reason,
        details: JSON.stringify(content.details),
        prev_hash: head.last_hash,
        hash,
      }),
    )
    .updateTable('audit_head')
    .set({ last_seq: content.seq, last_hash: hash })
    .where('municipality_code', '=', event.municipalityCode)
    .execute();
  return { seq: content.seq, hash };
}

export async function* readAuditChain(db: Kysely<DB>, municipalityCode: string, batch = 5000) {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.seq;
  }
}

export async function readAuditHead(db: Kysely<DB>, municipalityCode: string) {
  return db
    .selectFrom('audit_head')
    .selectAll()
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
}

export async function listAuditedMunicipalities(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{
    code: string;
  }>`select municipality_code as code from audit_head order by 1`.execute(db);
  return rows.rows.map((r) => r.code);
}
