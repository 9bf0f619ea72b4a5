import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function findMunicipality(db: Kysely<DB>, code: string) {
  return db.selectFrom('municipality').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}
