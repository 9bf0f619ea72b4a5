/**
 * The facts the related-procedures rules look at, computed from a notification:
 * per person (age, school grade, insurance, …) and per household (kind of
 * move, dogs, …). Ages and grades are taken on the move date, the day from which
 * the other departments' procedures count.
 */
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { ageOn } from '../../domain/japanese-era.js';
import type { DraftContent, Mover, NotificationKind } from './draft-content.js';

export interface PersonFacts {
  /** Position in the notification's movers. */
  index: number;
  age: number;
  /**
   * School grade in the school year of the move: 1–6 小学校, 7–9 中学校, 10–12
   * 高校年代; 0 or less before school, above 12 after.
   */
  schoolGrade: number;
  sex: 'M' | 'F';
  insurance?: string;
  pension?: string;
  disability: boolean;
  disabilities: string[];
  careCertified: boolean;
  myNumberCard: boolean;
  schoolTransfer: boolean;
  foreign: boolean;
}

export interface HouseholdFacts {
  kind: NotificationKind;
  moveType: 'domestic' | 'abroad';
  wholeHousehold: boolean;
  dogs: number;
  /** Number of people moving. */
  movers: number;
}

/**
 * Japanese school cohorts run from 2 April to 1 April (a child born on 1 April
 * starts school with those born the year before): grade 1 begins in the April
 * after the sixth birthday of the cohort.
 */
export function schoolGradeOn(birthDate: string, on: string): number {
  const birthYear = Number(birthDate.slice(0, 4));
  const entryYear = birthDate.slice(5) >= '04-02' ? birthYear + 7 : birthYear + 6;
  return fiscalYearOf(on) - entryYear + 1;
}

export function personFacts(mover: Mover, index: number, on: string): PersonFacts {
  return {
    index,
    age: ageOn(mover.birthDate, on),
    schoolGrade: schoolGradeOn(mover.birthDate, on),
    sex: mover.sex,
    ...(mover.insurance ? { insurance: mover.insurance } : {}),
    ...(mover.pension ? { pension: mover.pension } : {}),
    disability: (mover.disabilities ?? []).length > 0,
    disabilities: [...(mover.disabilities ?? [])],
    careCertified: mover.careCertified ?? false,
    myNumberCard: mover.myNumberCard ?? false,
    schoolTransfer: mover.school?.transfer ?? false,
    foreign: mover.nationality !== undefined,
  };
}

export function householdFacts(kind: NotificationKind, content: DraftContent): HouseholdFacts {
  return {
    kind,
    moveType: content.moveType ?? 'domestic',
    wholeHousehold: kind === 'tennyu' ? true : (content.wholeHousehold ?? false),
    dogs: content.dogs ?? 0,
    movers: content.movers.length,
  };
}

/** The date the facts are taken on: the move date, or today for a draft without one. */
export function factsDate(content: DraftContent, today: string): string {
  return content.moveDate ?? today;
}
