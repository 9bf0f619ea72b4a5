import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * 戸籍 by 本籍 and 筆頭者, for people whose register is here but who live
 * elsewhere (no resident record to start from). Keys arrive folded.
 */
export function searchRegisters(
  db: Kysely<DB>,
  municipalityCode: string,
  keys: { honsekiKey?: string | undefined; hittoshaKey?: string | undefined; limit: number },
) {
  let query = db
    .selectFrom('koseki')
    .select(['koseki_id', 'honseki', 'hittosha', 'status', 'compiled_on', 'closed_on'])
    .where('municipality_code', '=', municipalityCode);
  if (keys.honsekiKey) query = query.where('honseki_key', 'like', `%${escapeLike(keys.honsekiKey)}%`);
  if (keys.hittoshaKey) query = query.where('hittosha_key', 'like', `%${escapeLike(keys.hittoshaKey)}%`);
  return query.orderBy('status').orderBy('koseki_id').limit(keys.limit).execute();
}
