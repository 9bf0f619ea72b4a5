import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.js';
import { isValidMunicipalityCode } from '../domain/check-digits.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import { AddressFactory } from './addresses.js';
import { CardCertificateIssuer, createDemoJpkiCa } from './cards.js';
import {
  hasRegistryRecords,
  insertBatch,
  insertMunicipalityIfAbsent,
  lockMunicipality,
} from './data/seed.repository.js';
import { dayFromIso, fiscalYearOf, isoFromDay, todayInJapan } from './dates.js';
import { RowEmitter, type SeedCounts } from './emit-rows.js';
import { type HouseholdKind, HouseholdPlanner } from './household-plan.js';
import { SHOWCASE_FAMILY_NAMES } from './lists/japanese-names.js';
import { PeopleFactory } from './people.js';
import { Permutation } from './permutation.js';
import { hash32, Random } from './random.js';
import { SealRenderer } from './seal-image.js';
import { townProfile } from './town.js';

/**
 * `madoguchi seed`: a synthetic municipality — residents and households with
 * their history, 除票, foreign residents, 戸籍 with 改製原戸籍 and 附票, people
 * whose 本籍 is here but who live elsewhere, 印鑑登録 with 印影, three years of
 * 課税 and My Number cards with real certificates from a demo JPKI CA.
 *
 * Deterministic: the same seed, municipality, size and `today` give the same
 * rows byte for byte, except the signature bytes of certificates (ECDSA in
 * node:crypto is randomised) and the seal impressions' dependence on which
 * font the machine has (IPAmj明朝 or the bundled one). `today` defaults to the
 * current date in Japan, so seeding on another day ages everyone by that much.
 *
 * Memory stays flat: households are generated and written in chunks, and
 * identifiers come from keyed permutations rather than from sets of numbers
 * already issued. Everything is one transaction: a failed seed leaves nothing.
 */

export interface SeedTownOptions {
  municipalityCode: string;
  /** Active residents to make (除票 records and 本籍-only people come on top). */
  residents: number;
  seed: number;
  /** Called after each written chunk with the number of active residents so far. */
  onProgress?: (done: number) => void;
  /** The town's "today" (ISO date); by default the current date in Japan. */
  today?: string;
}

export interface SeedReport extends SeedCounts {
  municipalityCode: string;
  municipalityName: string;
  today: string;
  taxYears: number[];
}

const optionsSchema = z
  .object({
    municipalityCode: z.string().regex(/^\d{6}$/),
    residents: z.number().int().min(1).max(2_000_000),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    today: z.iso.date().optional(),
  })
  .strict();

/** Residents per chunk: a few thousand rows per table, written while the next chunk is made. */
const CHUNK_RESIDENTS = 2500;
/** The first households carry the variant and non-BMP family names. */
const SHOWCASE_KIND: HouseholdKind = 'nuclear';

export async function seedTown(db: Kysely<DB>, options: SeedTownOptions): Promise<SeedReport> {
  const { onProgress, ...rest } = options;
  const input = parseInput(optionsSchema, rest, 'seed');
  if (!isValidMunicipalityCode(input.municipalityCode)) {
    throw new AppError(
      'invalid',
      'seed.municipality_code_invalid',
      {
        ja: `地方公共団体コード ${input.municipalityCode} の検査数字が正しくありません。`,
        en: `The check digit of municipality code ${input.municipalityCode} is wrong.`,
      },
      { details: [{ at: 'municipalityCode', ja: '検査数字が正しくありません。', en: 'Wrong check digit.' }] },
    );
  }
  const today = dayFromIso(input.today ?? todayInJapan());
  const town = townProfile(input.municipalityCode);
  const seed = input.seed;
  const fiscalYear = fiscalYearOf(today);
  const taxYears = [fiscalYear - 2, fiscalYear - 1, fiscalYear];

  return db.transaction().execute(async (trx) => {
    await insertMunicipalityIfAbsent(trx, {
      code: town.code,
      name: town.name,
      name_kana: town.nameKana,
      prefecture: town.prefecture,
      mayor_title: town.mayorTitle,
      mayor_name: town.mayorName,
      office_address: town.officeAddress,
      postal_code: town.postalCode,
      phone: town.phone,
    });
    await lockMunicipality(trx, town.code);
    if (await hasRegistryRecords(trx, town.code)) {
      throw new AppError('conflict', 'seed.municipality_not_empty', {
        ja: `${town.code} にはすでに住民・世帯・戸籍のデータがあります。空の自治体にのみ作成できます。`,
        en: `Municipality ${town.code} already has residents, households or family registers; only an empty one can be seeded.`,
      });
    }
    // The identity module trusts this CA by its key (trustDemoJpkiCa), so a fresh
    // certificate with new signature bytes chains the cards just as well.
    const ca = createDemoJpkiCa(seed);

    const planRandom = new Random(seed, `plan:${town.code}`);
    const rowRandom = new Random(seed, `rows:${town.code}`);
    const people = new PeopleFactory(planRandom, today);
    const planner = new HouseholdPlanner(planRandom, people, new AddressFactory(planRandom, town), today);
    const key = (label: string) => hash32(`${label}:${town.code}`, seed >>> 0) ^ Math.floor(seed / 2 ** 32);
    const emitter = new RowEmitter({
      town,
      today,
      seed,
      random: rowRandom,
      places: new AddressFactory(rowRandom, town),
      juminhyoCodes: new Permutation(10 ** 10, key('juminhyo')),
      myNumbers: new Permutation(10 ** 11, key('kojin-bango')),
      sealCardNumbers: new Permutation(10 ** 8, key('seal-card')),
      cardSerials: new Permutation(10 ** 12, key('card-serial')),
      seals: new SealRenderer(),
      cards: new CardCertificateIssuer(ca, seed, town.code),
      taxYears,
    });

    // Written while the next chunk is being made (the server driver works in its own process).
    let pending: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = emitter.takeRows();
      await pending;
      pending = insertBatch(trx, rows);
      pending.catch(() => undefined);
      const done = emitter.counts.residents;
      pending = pending.then(() => onProgress?.(done));
      pending.catch(() => undefined);
    };

    let households = 0;
    const showcase = SHOWCASE_FAMILY_NAMES.length;
    while (emitter.counts.residents < input.residents) {
      const remaining = input.residents - emitter.counts.residents;
      const index = households++;
      let plan =
        index < showcase
          ? planner.plan({ kind: SHOWCASE_KIND, family: SHOWCASE_FAMILY_NAMES[index], honsekiHere: true })
          : index === showcase && input.residents >= 300
            ? planner.plan({ kind: 'large' })
            : planner.plan();
      const active = plan.members.filter((p) => p.residence?.status === 'active').length;
      // The last households must fit exactly: a single-person household always does.
      if (active > remaining) plan = planner.plan({ kind: 'single' });
      emitter.emit(plan);
      if (emitter.pendingResidents >= CHUNK_RESIDENTS) await flush();
    }
    await flush();
    await pending;

    return {
      municipalityCode: town.code,
      municipalityName: town.name,
      today: isoFromDay(today),
      taxYears,
      ...emitter.counts,
    };
  });
}
