import type { ResidentEventType } from '../db/schema.js';
import { addYears, type Day, yearOf } from './dates.js';
import type { Nationality } from './lists/foreign-names.js';
import {
  type BirthEra,
  birthEraOf,
  FAMILY_NAMES,
  GIVEN_NAMES,
  type NameEntry,
} from './lists/japanese-names.js';
import { type Random, WeightedTable } from './random.js';

/**
 * The people of the generated town before they become rows: who they are, where
 * they lived and when, and what happened to them. Household stories
 * (household-plan.ts) create them; emit-rows.ts turns them into registry rows.
 */

export type Sex = 'M' | 'F';

/** Full names in one column (筆頭者, 父母, 通称) are written with an ideographic space. */
export const NAME_SEPARATOR = '\u3000';

export interface ForeignIdentity {
  nationality: Nationality;
  /** The name in the alphabet as on the passport: FAMILY GIVEN. */
  alphabetName: string;
  residenceStatus: string;
  periodEnd: Day | null;
  tsusho: string | null;
  tsushoKana: string | null;
}

export interface AddressStay {
  address: string;
  katagaki: string | null;
  postalCode: string | null;
  since: Day;
  inTown: boolean;
}

export interface EventPlan {
  type: ResidentEventType;
  date: Day;
  notified: Day | null;
  details: Record<string, string>;
}

export interface Residence {
  /** 住民となった年月日. */
  since: Day;
  events: EventPlan[];
  status: 'active' | 'moved_out' | 'deceased';
  removedOn: Day | null;
  movedTo: string | null;
}

export interface Person {
  sex: Sex;
  birth: Day;
  family: NameEntry;
  given: NameEntry;
  foreign: ForeignIdentity | null;
  /** 続柄 on the 住民票, to the current 世帯主. */
  relationship: string;
  /** Present for people registered in this town (active or 除票). */
  residence: Residence | null;
  /** Every address with the day it was taken up, oldest first. */
  addresses: AddressStay[];
  death: Day | null;
  /** 本籍 and 筆頭者 as the 住民票 shows them (Japanese nationals only). */
  honseki: string | null;
  hittosha: string | null;
  /** The 父 and 母 as a register lists them. */
  fatherName: string | null;
  motherName: string | null;
  /** Birth order among the same mother's children of the same sex, for 長男・二女 …; 0 when unknown. */
  birthOrder: number;
  /** Filled when the person gets a resident row. */
  residentId: number | null;
  juminhyoCode: string | null;
}

export function fullName(person: Pick<Person, 'family' | 'given'>): string {
  return `${person.family.kanji}${NAME_SEPARATOR}${person.given.kanji}`;
}

const ORDINALS = ['長', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 続柄 in a 戸籍: 長男, 二女 … (二男, not 次男, as registers write it). */
export function kosekiRelationship(person: Pick<Person, 'sex' | 'birthOrder'>): string {
  const ordinal = ORDINALS[Math.max(0, Math.min(person.birthOrder, ORDINALS.length) - 1)] ?? '長';
  return `${ordinal}${person.sex === 'M' ? '男' : '女'}`;
}

const familyTable = new WeightedTable(
  FAMILY_NAMES.map(([kanji, kana, weight]) => [{ kanji, kana }, weight] as const),
);
const givenTables = new Map<string, WeightedTable<NameEntry>>();
for (const sex of ['M', 'F'] as const) {
  for (const era of Object.keys(GIVEN_NAMES[sex]) as BirthEra[]) {
    givenTables.set(
      `${sex}${era}`,
      new WeightedTable(
        GIVEN_NAMES[sex][era].map(([kanji, kana, weight]) => [{ kanji, kana }, weight] as const),
      ),
    );
  }
}

export class PeopleFactory {
  constructor(
    private readonly random: Random,
    readonly today: Day,
  ) {}

  familyName(): NameEntry {
    return familyTable.sample(this.random);
  }

  givenName(sex: Sex, birth: Day): NameEntry {
    return givenTables.get(`${sex}${birthEraOf(yearOf(birth))}`)!.sample(this.random);
  }

  /** A birth day for someone who is `age` today. */
  birthForAge(age: number): Day {
    const lastBirthday = addYears(this.today, -age);
    return lastBirthday - this.random.int(0, 364);
  }

  /** A birth day a given number of years (fractional) before a reference day. */
  birthYearsBefore(reference: Day, years: number): Day {
    return Math.round(reference - years * 365.2425);
  }

  japanese(sex: Sex, birth: Day, family: NameEntry, relationship: string): Person {
    return {
      sex,
      birth,
      family,
      given: this.givenName(sex, birth),
      foreign: null,
      relationship,
      residence: null,
      addresses: [],
      death: null,
      honseki: null,
      hittosha: null,
      fatherName: null,
      motherName: null,
      birthOrder: 0,
      residentId: null,
      juminhyoCode: null,
    };
  }

  /** A parent's full name for the 父/母 columns, from the child's birth. */
  parentName(sex: Sex, family: NameEntry, childBirth: Day): string {
    const parentBirth = childBirth - Math.round(this.random.int(24, 36) * 365.2425);
    return `${family.kanji}${NAME_SEPARATOR}${this.givenName(sex, parentBirth).kanji}`;
  }
}
