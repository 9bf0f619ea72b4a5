import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.js';

export interface AuditSearchFilter {
  municipalityCode: string;
  actorId?: string | undefined;
  /** An exact action, or a prefix when it ends with `*` (`staff.*`). */
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

export type AuditRow = Selectable<AuditLogTable>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Reads a page of one municipality's audit trail, newest first; never writes. */
export async function searchAuditRows(
  db: Kysely<DB>,
  filter: AuditSearchFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('audit_log').where('municipality_code', '=', filter.municipalityCode);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined)
    query = filter.action.endsWith('*')
      ? query.where('action', 'like', `${escapeLike(filter.action.slice(0, -1))}%`)
      : query.where('action', '=', filter.action);
  if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
  const rows = await query.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
