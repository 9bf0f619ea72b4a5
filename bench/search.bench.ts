import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { searchResidents } from '../src/registry/index.js';
import { median, percentile, round } from './stats.js';

export interface SearchFigures {
  residents: number;
  queries: number;
  /** Milliseconds per search, through the use case (validation, folding, query, audit row). */
  byKind: Record<string, { p50: number; p95: number; meanHits: number }>;
}

const clerk = { type: 'staff' as const, id: 'bench-clerk', terminalId: 'bench' };

/**
 * Search latency on a seeded town: for sample residents, the searches a clerk
 * makes — kana, variant-insensitive kanji, birth date, address, 住民票コード.
 */
export async function benchSearch(
  db: Kysely<DB>,
  municipalityCode: string,
  samples = 100,
): Promise<SearchFigures> {
  const residents = await db
    .selectFrom('resident')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirstOrThrow();
  // A deterministic spread of residents across the table.
  const people = await sql<{
    family_name: string;
    given_name: string;
    family_name_kana: string;
    birth_date: string;
    address: string;
    juminhyo_code: string;
  }>`select family_name, given_name, family_name_kana, birth_date, address, juminhyo_code
     from resident where municipality_code = ${municipalityCode} and status = 'active'
     order by md5(juminhyo_code) limit ${samples}`.execute(db);
  const kinds: Record<string, (p: (typeof people.rows)[number]) => Parameters<typeof searchResidents>[2]> = {
    kana: (p) => ({ municipalityCode, kana: p.family_name_kana }),
    name: (p) => ({ municipalityCode, name: p.family_name + p.given_name }),
    birthDate: (p) => ({ municipalityCode, birthDate: p.birth_date }),
    address: (p) => ({ municipalityCode, address: p.address.replace(/^.*?[市町村]/, '') }),
    juminhyoCode: (p) => ({ municipalityCode, juminhyoCode: p.juminhyo_code }),
  };
  const byKind: SearchFigures['byKind'] = {};
  for (const [kind, query] of Object.entries(kinds)) {
    const times: number[] = [];
    let hits = 0;
    for (const person of people.rows) {
      const started = performance.now();
      const rows = await searchResidents(db, clerk, query(person));
      times.push(performance.now() - started);
      hits += rows.length;
    }
    byKind[kind] = {
      p50: round(median(times)),
      p95: round(percentile(times, 95)),
      meanHits: round(hits / people.rows.length, 1),
    };
  }
  return { residents: residents.n, queries: people.rows.length * Object.keys(kinds).length, byKind };
}
