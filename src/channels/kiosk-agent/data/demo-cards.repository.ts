import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../../db/schema.js';

export interface DemoCardCandidate {
  residentId: number;
  familyName: string;
  givenName: string;
  isForeign: boolean;
  householdSize: number;
  hasSeal: boolean;
  hasKoseki: boolean;
  hasTax: boolean;
}

/**
 * Active residents of a (demo) town whose newest My Number card is active and
 * valid at `now`, with what each could print at a kiosk. For choosing the
 * demo's card slot; a real kiosk never reads the registry.
 */
export async function listDemoCardCandidates(
  db: Kysely<DB>,
  municipalityCode: string,
  now: Date,
  limit = 300,
): Promise<DemoCardCandidate[]> {
  return demoCardHolders(db, municipalityCode, { now, limit });
}

/**
 * The same facts for residents already chosen, whatever their card's state
 * now: a card locked or revoked in the demo stays in the slot, as it would
 * stay in the resident's wallet.
 */
export async function findDemoCardHolders(
  db: Kysely<DB>,
  municipalityCode: string,
  residentIds: readonly number[],
): Promise<DemoCardCandidate[]> {
  if (residentIds.length === 0) return [];
  const found = await demoCardHolders(db, municipalityCode, { residentIds, limit: residentIds.length });
  return residentIds.flatMap((id) => found.filter((holder) => holder.residentId === id));
}

async function demoCardHolders(
  db: Kysely<DB>,
  municipalityCode: string,
  filter: { now?: Date; residentIds?: readonly number[]; limit: number },
): Promise<DemoCardCandidate[]> {
  let query = db
    .selectFrom('resident as r')
    .innerJoin('mynumber_card as c', (join) =>
      join
        .onRef('c.municipality_code', '=', 'r.municipality_code')
        .onRef('c.resident_id', '=', 'r.resident_id'),
    )
    .select((eb) => [
      'r.resident_id',
      'r.family_name',
      'r.given_name',
      'r.is_foreign',
      eb
        .selectFrom('resident as h')
        .whereRef('h.municipality_code', '=', 'r.municipality_code')
        .whereRef('h.household_id', '=', 'r.household_id')
        .where('h.status', '=', 'active')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('household_size'),
      eb
        .exists(
          eb
            .selectFrom('seal_registration as s')
            .whereRef('s.municipality_code', '=', 'r.municipality_code')
            .whereRef('s.resident_id', '=', 'r.resident_id')
            .where('s.status', '=', 'active')
            .select('s.registration_no'),
        )
        .as('has_seal'),
      eb
        .exists(
          eb
            .selectFrom('koseki_member as m')
            .innerJoin('koseki as k', (join) =>
              join
                .onRef('k.municipality_code', '=', 'm.municipality_code')
                .onRef('k.koseki_id', '=', 'm.koseki_id'),
            )
            .whereRef('m.municipality_code', '=', 'r.municipality_code')
            .whereRef('m.resident_id', '=', 'r.resident_id')
            .where('m.status', '=', 'in')
            .where('k.status', '=', 'active')
            .select('m.member_no'),
        )
        .as('has_koseki'),
      eb
        .exists(
          eb
            .selectFrom('tax_record as t')
            .whereRef('t.municipality_code', '=', 'r.municipality_code')
            .whereRef('t.resident_id', '=', 'r.resident_id')
            .where('t.status', '!=', 'undeclared')
            .select('t.tax_year'),
        )
        .as('has_tax'),
    ])
    .where('r.municipality_code', '=', municipalityCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('mynumber_card as newer')
            .whereRef('newer.municipality_code', '=', 'c.municipality_code')
            .whereRef('newer.resident_id', '=', 'c.resident_id')
            .where((eb) =>
              eb.or([
                eb('newer.issued_on', '>', eb.ref('c.issued_on')),
                eb.and([
                  eb('newer.issued_on', '=', eb.ref('c.issued_on')),
                  eb('newer.card_serial', '>', eb.ref('c.card_serial')),
                ]),
              ]),
            )
            .select('newer.card_serial'),
        ),
      ),
    )
    .orderBy('r.resident_id')
    .limit(filter.limit);
  if (filter.residentIds) query = query.where('r.resident_id', 'in', [...filter.residentIds]);
  if (filter.now)
    query = query
      .where('r.status', '=', 'active')
      .where('c.status', '=', 'active')
      .where('c.not_before', '<=', filter.now)
      .where('c.not_after', '>', filter.now);
  const rows = await query.execute();
  return rows.map((row) => ({
    residentId: row.resident_id,
    familyName: row.family_name,
    givenName: row.given_name,
    isForeign: row.is_foreign,
    householdSize: Number(row.household_size ?? 1),
    hasSeal: Boolean(row.has_seal),
    hasKoseki: Boolean(row.has_koseki),
    hasTax: Boolean(row.has_tax),
  }));
}
